use super::*;

fn setup() -> (Trainer, Vec<u32>, Tokenizer) {
    let text = "the cat sat on the mat. the dog sat on the log. ".repeat(40);
    let tok = Tokenizer::train(&text, 280).unwrap();
    let tokens = tok.encode(&text);
    let cfg = ModelConfig {
        vocab_size: tok.vocab_size(),
        context_len: 8,
        d_model: 16,
        n_heads: 2,
        n_layers: 2,
    };
    let train = TrainConfig {
        batch_size: 4,
        total_steps: 12,
        warmup_steps: 3,
        threads: 2,
        log_every: 0,
        eval_every: 3,
        eval_windows: 2,
        ..TrainConfig::default()
    };
    let trainer = Trainer::new(
        Model::new(cfg, 5).unwrap(),
        train,
        tokens.clone(),
        tokens.clone(),
    )
    .unwrap();
    (trainer, tokens, tok)
}

fn bits(xs: &[f32]) -> Vec<u32> {
    xs.iter().map(|x| x.to_bits()).collect()
}

#[test]
fn resuming_from_a_checkpoint_continues_bit_for_bit() {
    let n = 6;
    let (mut straight, tokens, tok) = setup();
    straight.train(2 * n);

    let (mut first, _, _) = setup();
    first.train(n);
    let path = std::env::temp_dir().join(format!("tiny_lm_resume_{}.tlm", std::process::id()));
    Checkpoint::of_trainer(&first, Some(&tok))
        .save(&path)
        .unwrap();
    drop(first);
    let loaded = Checkpoint::load(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    assert_eq!(loaded.tokenizer.as_ref(), Some(&tok));
    let mut resumed = loaded.into_trainer(tokens.clone(), tokens).unwrap();
    resumed.train(n);

    assert_eq!(bits(&straight.model.params), bits(&resumed.model.params));
    assert_eq!(bits(&straight.optimizer.m), bits(&resumed.optimizer.m));
    assert_eq!(
        bits(&straight.history.train_loss),
        bits(&resumed.history.train_loss)
    );
    assert_eq!(straight.history.val, resumed.history.val);
    assert_eq!(straight.step, resumed.step);
}

#[test]
fn corrupt_truncated_and_foreign_files_are_explained() {
    let (mut trainer, _, tok) = setup();
    trainer.train(1);
    let bytes = Checkpoint::of_trainer(&trainer, Some(&tok)).to_bytes();

    let mut flipped = bytes.clone();
    flipped[100] ^= 0x10;
    assert!(matches!(
        Checkpoint::from_bytes(&flipped),
        Err(Error::ChecksumMismatch { .. })
    ));

    let err = Checkpoint::from_bytes(&bytes[..bytes.len() / 2]).unwrap_err();
    assert!(
        matches!(
            err,
            Error::ChecksumMismatch { .. } | Error::Truncated { .. }
        ),
        "{err}"
    );
    assert!(matches!(
        Checkpoint::from_bytes(&bytes[..4]),
        Err(Error::Truncated { .. })
    ));
    assert!(matches!(
        Checkpoint::from_bytes(b"PK\x03\x04 a zip file, not a checkpoint"),
        Err(Error::BadMagic { .. })
    ));

    let mut future = bytes.clone();
    future[8] = 99;
    let err = Checkpoint::from_bytes(&future).unwrap_err();
    assert!(matches!(err, Error::UnsupportedVersion { found: 99, .. }));
    assert!(err.to_string().contains("version 99"));

    assert!(matches!(
        Checkpoint::load("/definitely/not/here.tlm"),
        Err(Error::Io { .. })
    ));
}

#[test]
fn a_weights_only_checkpoint_cannot_be_resumed() {
    let (trainer, tokens, _) = setup();
    let weights_only = Checkpoint {
        model: trainer.model.clone(),
        tokenizer: None,
        train_state: None,
    };
    let back = Checkpoint::from_bytes(&weights_only.to_bytes()).unwrap();
    assert_eq!(back, weights_only);
    assert!(back.into_trainer(tokens.clone(), tokens).is_err());
}
