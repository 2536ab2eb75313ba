use super::*;
use proptest::prelude::*;

const SAMPLE: &str = "The weather today is sunny. The weather tomorrow will be rainy!\n\
    Language models learn to predict the next token; tokens are pieces of words. \
    Ünïcödé text, emoji 🎉 and numbers like 12345 must survive.   Tabs\tand  spaces too.";

fn trained() -> Tokenizer {
    Tokenizer::train(&SAMPLE.repeat(3), 320).unwrap()
}

#[test]
fn pre_tokenize_keeps_every_byte_and_attaches_spaces_to_words() {
    let chunks = pre_tokenize("Hello  world, it's 42!\n\nBye");
    assert_eq!(chunks.concat(), "Hello  world, it's 42!\n\nBye");
    assert_eq!(
        chunks,
        ["Hello", " ", " world", ",", " it", "'", "s", " 42", "!", "\n\n", "Bye"]
    );
}

#[test]
fn training_learns_frequent_words_and_compresses() {
    let tok = trained();
    assert!(tok.vocab_size() > 256);
    assert_eq!(
        tok.encode(" weather").len(),
        1,
        "a frequent word becomes one token"
    );
    let (tokens, bytes) = (tok.encode(SAMPLE).len(), SAMPLE.len());
    assert!(tokens * 3 < bytes * 2, "{tokens} tokens for {bytes} bytes");
}

#[test]
fn training_is_deterministic() {
    assert_eq!(trained(), trained());
}

#[test]
fn training_stops_when_no_pair_repeats() {
    let tok = Tokenizer::train("abc", 1000).unwrap();
    assert_eq!(tok.vocab_size(), 256);
    assert!(Tokenizer::train("abc", 100).is_err());
}

#[test]
fn save_and_load_round_trip_and_bad_files_are_explained() {
    let tok = trained();
    let bytes = tok.to_bytes();
    assert_eq!(Tokenizer::from_bytes(&bytes).unwrap(), tok);
    let path = std::env::temp_dir().join(format!("tiny_lm_tok_{}.bin", std::process::id()));
    tok.save(&path).unwrap();
    assert_eq!(Tokenizer::load(&path).unwrap(), tok);
    std::fs::remove_file(&path).unwrap();

    let mut corrupt = bytes.clone();
    corrupt[20] ^= 1;
    assert!(matches!(
        Tokenizer::from_bytes(&corrupt),
        Err(Error::ChecksumMismatch { .. })
    ));
    assert!(matches!(
        Tokenizer::from_bytes(b"NOTATOKENIZER..."),
        Err(Error::BadMagic { .. })
    ));
    assert!(matches!(
        Tokenizer::from_bytes(&bytes[..5]),
        Err(Error::Truncated { .. })
    ));
    assert!(matches!(
        Tokenizer::load("/no/such/file"),
        Err(Error::Io { .. })
    ));
}

#[test]
fn decode_skips_unknown_ids_and_tokenize_shows_pieces() {
    let tok = trained();
    assert_eq!(tok.decode(&[72, 999_999, 105]), "Hi");
    assert!(tok.decode_bytes(&[999_999]).is_err());
    let t = tok.tokenize("The weather");
    assert_eq!(t.pieces.concat(), "The weather");
    assert!(t.to_string().contains("·weather"));
}

proptest! {
    #[test]
    fn decode_inverts_encode_for_any_string(s in any::<String>()) {
        let tok = trained();
        prop_assert_eq!(tok.decode(&tok.encode(&s)), s);
    }

    #[test]
    fn pre_tokenize_concatenates_back(s in any::<String>()) {
        prop_assert_eq!(pre_tokenize(&s).concat(), s);
    }
}
