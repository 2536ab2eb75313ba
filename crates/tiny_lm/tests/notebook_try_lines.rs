//! The "Try:" lines of the main notebook promise an outcome for an edit; this makes a few of
//! those edits and checks the outcome, at the notebook's settings.

use std::error::Error;

#[test]
fn try_lines_do_what_they_say() -> Result<(), Box<dyn Error>> {
    use tiny_lm::checkpoint::Checkpoint;
    use tiny_lm::data::{scrub_text, Pipeline};
    use tiny_lm::experiments::{self, Closeness, TextData};
    use tiny_lm::model::Workspace;
    use tiny_lm::rng::Rng;
    use tiny_lm::train::Batch;
    use tiny_lm::{corpus, Model, ModelConfig, Precision, TrainConfig};

    // try-tokenizer: fewer merges, more tokens.
    let (data, small) = (TextData::general(512)?, TextData::general(300)?);
    assert!(small.train.len() > data.train.len() && small.val.len() > data.val.len());

    // try-pretrain: ten times smaller steps end well above the notebook's run.
    let shape = ModelConfig::tiny(data.tokenizer.vocab_size());
    let quiet = TrainConfig {
        log_every: 0,
        eval_every: 0,
        ..TrainConfig::default()
    };
    let slow = TrainConfig {
        learning_rate: 3e-4,
        min_lr: 3e-5,
        ..quiet
    };
    let normal_loss =
        tiny_lm::Trainer::new(Model::new(shape, 42)?, quiet, data.train.clone(), vec![])?
            .train(300)
            .recent_loss(10)
            .unwrap();
    let slow_loss =
        tiny_lm::Trainer::new(Model::new(shape, 42)?, slow, data.train.clone(), vec![])?
            .train(300)
            .recent_loss(10)
            .unwrap();
    assert!(
        slow_loss > normal_loss + 0.5,
        "lr 3e-4: {slow_loss}, lr 3e-3: {normal_loss}"
    );

    // try-fine-tune: fine-tuning the shipped base at the pre-training peak moves general-text loss further.
    let base = tiny_lm::pretrained::load_base()?;
    let medical = TextData::from_examples(
        base.tokenizer.clone(),
        &corpus::finetune(corpus::Domain::Medical),
    );
    let general_val = base.tokenizer.encode(&data.tokenizer.decode(&data.val));
    let gentle = TrainConfig {
        batch_size: 4,
        total_steps: 30,
        threads: 2,
        log_every: 0,
        eval_every: 0,
        ..TrainConfig::fine_tune()
    };
    let peak = TrainConfig {
        learning_rate: 3e-3,
        min_lr: 3e-4,
        ..gentle
    };
    let rise = |config: TrainConfig| -> Result<f32, tiny_lm::Error> {
        let run = experiments::fine_tune(
            &base.model,
            &medical,
            &general_val,
            config,
            config.total_steps,
        )?;
        Ok(run.general_val.1 - run.general_val.0)
    };
    let (gentle_rise, peak_rise) = (rise(gentle)?, rise(peak)?);
    assert!(
        peak_rise > gentle_rise,
        "general-text loss rise: {gentle_rise} at 1e-3, {peak_rise} at 3e-3"
    );

    // try-pii: one address and one number replaced.
    let (scrubbed, found) = scrub_text("Write to ada@example.org or call +44 20 7946 0958.");
    assert_eq!((found.emails, found.phones), (1, 1), "{scrubbed}");
    assert!(!scrubbed.contains("ada@") && !scrubbed.contains("7946"));

    // try-data-pipeline: about twice as many validation documents.
    let mut files = corpus::general();
    files.extend(corpus::planted());
    let usual = Pipeline::default().run(&files).split.validation.len() as f64;
    let doubled = Pipeline {
        validation_fraction: 0.2,
        ..Pipeline::default()
    }
    .run(&files)
    .split
    .validation
    .len() as f64;
    assert!(
        (1.6..2.4).contains(&(doubled / usual)),
        "{usual} -> {doubled}"
    );

    // try-accumulation: scaling by the micro-batch's own tokens gives four times the gradient.
    let model = Model::new(shape, 42)?;
    let batch = Batch::sample(&data.train, 16, 32, &mut Rng::new(7))?;
    let mut whole = Workspace::new(shape, 16, 32, Precision::F32);
    whole.backprop(&model.params, &batch)?;
    let mut micro = Workspace::new(shape, 4, 32, Precision::F32);
    for part in batch.split(4)? {
        micro.forward_backward(
            &model.params,
            &part.inputs,
            &part.targets,
            1.0 / part.num_tokens() as f32,
        );
    }
    let wrong = Closeness::of(&whole.grads, &micro.grads);
    assert!(
        !wrong.same() && wrong.to_string().contains("NOT the same"),
        "{wrong}"
    );

    // try-checkpoint: weights alone cannot resume a run.
    let weights_only = Checkpoint {
        model: model.clone(),
        tokenizer: None,
        train_state: None,
    };
    let err = Checkpoint::from_bytes(&weights_only.to_bytes())?
        .into_trainer(data.train.clone(), vec![])
        .unwrap_err();
    assert!(
        err.to_string().contains("no training state to resume"),
        "{err}"
    );

    // try-parallel: one thread only is a 1.00x "speed-up", under the threshold.
    let one = experiments::parallel_speedup(&data, shape, quiet, 1, 2)?;
    assert_eq!(one.speedup(), 1.0);
    assert!(one.verdict().contains("under the"), "{}", one.verdict());

    // try-compute: 312 / 28 = 11.1 times fewer GPU-years.
    assert!((312e12f64 / 28e12 - 11.1).abs() < 0.05);
    Ok(())
}
