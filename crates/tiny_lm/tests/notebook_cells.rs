//! The main notebook's hands-on cells (`notebooks/02_how_llms_are_trained.ipynb`), run in
//! order at the notebook's settings, so every cell is known to compile and to behave. The
//! evcxr kernel shows a cell's last expression; here that line calls `.evcxr_display()` on it.
//! `every_hands_on_cell_is_here_verbatim` fails when a cell and its copy here differ, and the
//! assertions between cells check what the notebook's text says the cells show. `try_lines_do_what_they_say`
//! makes a few of the "Try:" edits and checks their promised outcome.
//!
//! Regenerate the cell copies after editing the notebook, keeping the assertions between them.

// The try-it cell keeps a `Vec` of examples: students add and remove some.
#![allow(clippy::useless_vec)]

use std::error::Error;

/// Opens every cell copy below.
const CELL_START: &str = "    // notebook cell: ";
/// Closes it.
const CELL_END: &str = "    // end of cell";

#[rustfmt::skip]
#[test]
fn hands_on_cells_run_in_order_at_the_notebooks_settings() -> Result<(), Box<dyn Error>> {
    // notebook cell: load-tiny-lm
    use tiny_lm::{corpus, experiments::TextData};

    // The four contexts of the next-token example above, with the word the example expects.
    let next_token_examples = [
        ("The weather today is", "sunny"),
        ("Python is a programming", "language"),
        ("The capital of France is", "Paris"),
        ("Machine learning is a subset of", "artificial intelligence"),
    ];

    let data = TextData::general(512)?; // pipeline, train/validation split, BPE tokenizer
    let tokenizer = data.tokenizer.clone();
    println!(
        "general corpus: {} files, {} words -> {} training tokens and {} validation tokens\n",
        corpus::general().len(),
        corpus::general_text().split_whitespace().count(),
        data.train.len(),
        data.val.len()
    );
    for (context, next_word) in next_token_examples {
        println!("{}", tokenizer.tokenize(&format!("{context} {next_word}")));
    }
    tokenizer.tokenize("The capital of France is Paris").evcxr_display();
    // end of cell
    assert!(data.train.len() > 10 * data.val.len() / 2 && !data.val.is_empty());

    // notebook cell: pretrain
    use std::time::Instant;
    use tiny_lm::model::Workspace;
    use tiny_lm::train::{clip_grad_norm, learning_rate, AdamW, Batch};
    use tiny_lm::{eval::evaluate, rng::Rng, LossHistory, Model, ModelConfig, Precision, TrainConfig};

    let model_shape = ModelConfig::tiny(tokenizer.vocab_size());
    let pretrain_config = TrainConfig::default(); // 300 steps of 16 windows x 32 tokens, peak learning rate 3e-3
    let (rows, context_len) = (pretrain_config.batch_size, model_shape.context_len);
    let mut model = Model::new(model_shape, 42)?;
    let mut optimizer = AdamW::new(&model_shape);
    let mut workspace = Workspace::new(model_shape, rows, context_len, Precision::F32);
    let (mut rng, mut history, start) = (Rng::new(pretrain_config.seed), LossHistory::default(), Instant::now());
    println!("model: {} parameters, context {context_len} tokens", model.num_params());
    for step in 0..pretrain_config.total_steps {
        let batch = Batch::sample(&data.train, rows, context_len, &mut rng)?;
        workspace.zero_grads();
        let loss = workspace.backprop(&model.params, &batch)?; // forward, loss, backward
        let grad_norm = clip_grad_norm(&mut workspace.grads, pretrain_config.grad_clip);
        let lr = learning_rate(step, &pretrain_config); // warm-up, then cosine decay
        optimizer.step(&mut model.params, &workspace.grads, pretrain_config.adamw(lr));
        history.record(step + 1, loss, lr, grad_norm, batch.num_tokens());
        if (step + 1) % 50 == 0 {
            let val = evaluate(&model, &data.val, pretrain_config.eval_windows)?.loss;
            history.val.push((step + 1, val));
            println!("step {:>3} | loss {loss:.3} | validation {val:.3} | lr {lr:.1e} | {:.1} s", step + 1, start.elapsed().as_secs_f64());
        }
    }
    history.elapsed_secs = start.elapsed().as_secs_f64();
    history.plot().evcxr_display();
    // end of cell
    // The loop learned: 300 steps, 6 validation points, loss well below a uniform guess.
    assert_eq!((history.steps.len(), history.val.len()), (300, 6));
    assert!((80_000..90_000).contains(&model.num_params()), "the text says about 85 000");
    let uniform = (tokenizer.vocab_size() as f32).ln();
    assert!(history.recent_loss(10).unwrap() < uniform - 1.5, "{history}");
    assert!(history.last_val_loss().unwrap() < history.val[0].1, "{history}");

    // notebook cell: loss-by-hand
    let window: Vec<u32> = data.val[..9].to_vec(); // nine tokens of text the model never trained on
    let (prompt_ids, next_id) = (window[..8].to_vec(), window[8]);
    println!("context {:?} -> next token {:?}", tokenizer.decode(&prompt_ids), tokenizer.token_str(next_id));
    let p = model.next_token_probs(&prompt_ids)?[next_id as usize];
    println!("the model gives it p = {p:.4}; by hand, -ln p = {:.4}", -p.ln());
    let own_losses = model.token_losses(&prompt_ids, &window[1..])?; // the training code's loss at each position
    println!("the model's own loss for that prediction:  {:.4}", own_losses[7]);
    println!("a uniform guess among {} tokens would cost ln {0} = {:.4}", tokenizer.vocab_size(), (tokenizer.vocab_size() as f32).ln());
    // end of cell
    assert!((-p.ln() - own_losses[7]).abs() < 1e-4, "by hand {} vs model {}", -p.ln(), own_losses[7]);

    // notebook cell: top5
    use tiny_lm::{generate::top_k_next, pretrained, tables::NextTokenColumns};

    let shipped = pretrained::load()?;
    for (context, expected) in next_token_examples {
        let table = NextTokenColumns::new(context, expected)
            .column("our model (just now)", top_k_next(&model, &tokenizer, context, 5)?)
            .column("shipped checkpoint", shipped.next_tokens(context, 5)?);
        println!("{table}");
    }
    println!("The shipped model continues the first context like this:");
    println!("  The weather today is{}", shipped.continue_text("The weather today is", 30, 0));
    // end of cell

    // notebook cell: fine-tune
    use tiny_lm::corpus::{finetune, Domain, Example};
    use tiny_lm::experiments;

    let medical = finetune(Domain::Medical);
    println!("{} medical examples; the first one as training text:\n\n{}", medical.len(), medical[0].to_text());
    let medical_data = TextData::from_examples(tokenizer.clone(), &medical);

    let pretrained_model = model.clone();
    let fine_tune_config = TrainConfig { threads: 2, ..TrainConfig::fine_tune() };
    println!("peak learning rate {:.0e}: {:.2} of pre-training's {:.0e}\n", fine_tune_config.learning_rate,
        fine_tune_config.learning_rate / pretrain_config.learning_rate, pretrain_config.learning_rate);
    let medical_run = experiments::fine_tune(&pretrained_model, &medical_data, &data.val, fine_tune_config, fine_tune_config.total_steps)?;
    println!("\n{}", medical_run.history);
    medical_run.evcxr_display();
    // end of cell
    // What the notebook's text leads a student to look for, at the notebook's settings.
    assert!((fine_tune_config.learning_rate / pretrain_config.learning_rate - 1.0 / 3.0).abs() < 1e-6);
    assert!(medical_run.learned_domain(), "{medical_run}");
    println!("fine-tune verdict at the notebook's settings: {}", medical_run.verdict());

    // notebook cell: shift
    use tiny_lm::generate::compare_next;

    compare_next(&pretrained_model, &medical_run.model, &tokenizer, "Q: What are the symptoms of the flu?\nA:", 6)?.evcxr_display();
    // end of cell
    // "Fine-tuning moves probability towards the way the medical set's answers begin."
    let shift = compare_next(&pretrained_model, &medical_run.model, &tokenizer, "Q: What are the symptoms of the flu?\nA:", 6)?;
    assert!(shift.rows[0].after > 2.0 * shift.rows[0].before, "{shift}");

    // notebook cell: bias
    use tiny_lm::data::pronoun_counts;

    let professions: Vec<&str> = corpus::BIAS_PROFESSIONS.iter().map(|(profession, _)| *profession).collect();
    println!("Skewed data:\n{}", pronoun_counts(corpus::BIAS_SKEWED, &professions));
    println!("Balanced data:\n{}", pronoun_counts(corpus::BIAS_BALANCED, &professions));

    let bias_config = TrainConfig { total_steps: 150, threads: 2, log_every: 0, eval_every: 0, ..TrainConfig::default() };
    let mut skewed = TextData::encode(tokenizer.clone(), corpus::BIAS_SKEWED, "").trainer(model_shape, bias_config, 1)?;
    let mut balanced = TextData::encode(tokenizer.clone(), corpus::BIAS_BALANCED, "").trainer(model_shape, bias_config, 1)?;
    skewed.train(bias_config.total_steps);
    balanced.train(bias_config.total_steps);

    let models = [("skewed data", &skewed.model), ("balanced data", &balanced.model)];
    let bias = experiments::pronoun_preferences(&tokenizer, corpus::BIAS_PROFESSIONS, &models)?;
    bias.evcxr_display();
    // end of cell
    println!("bias verdict at the notebook's settings: {}", bias.verdict());
    assert!(bias.skew(0) > tiny_lm::experiments::NO_SKEW_THRESHOLD, "{bias}");
    assert!(bias.follows_stereotype(0) >= 6, "{bias}");
    assert!(bias.skew(1) < bias.skew(0) / 2.0, "{bias}");

    // notebook cell: pii
    use tiny_lm::data::{documents_from_text, scrub_text};

    let (mut emails, mut phones) = (0, 0);
    for doc in documents_from_text("web_scrape.txt", corpus::WEB_SCRAPE) {
        let (scrubbed, found) = scrub_text(&doc.text);
        if found.emails + found.phones > 0 {
            println!("before: {}\nafter:  {}\n", doc.text, scrubbed);
            (emails, phones) = (emails + found.emails, phones + found.phones);
        }
    }
    println!("{emails} e-mail addresses and {phones} phone numbers replaced");
    // end of cell
    assert_eq!((emails, phones), (7, 7), "the planted addresses and numbers of data/planted/web_scrape.txt");

    // notebook cell: compute
    use tiny_lm::experiments::{training_flops, FlopReport, GPT3_PARAMS, GPT3_TOKENS};

    println!("{}\n", FlopReport::from_history(&model, &history));

    let v100_flop_per_s = 28e12; // what a V100 GPU sustains in mixed precision (Lambda Labs' 2020 estimate)
    let gpu_years = training_flops(GPT3_PARAMS, GPT3_TOKENS) / v100_flop_per_s / (365.25 * 24.0 * 3600.0);
    println!("On one V100 GPU at 28 TFLOP/s, GPT-3's training would take {gpu_years:.0} years;");
    println!("at $1.50 per GPU-hour that is ${:.1} million: the original's \"~$4.6 million\".", gpu_years * 365.25 * 24.0 * 1.5 / 1e6);
    // end of cell
    let dollars = gpu_years * 365.25 * 24.0 * 1.5 / 1e6;
    assert!((4.5..4.8).contains(&dollars), "the original's ~$4.6 million, computed: {dollars}");

    // notebook cell: data-pipeline
    use tiny_lm::data::Pipeline;

    let mut files = corpus::general();
    files.extend(corpus::planted());
    let report = Pipeline::default().run(&files);
    println!("{}", report.removed_lines(70));
    println!("kept for training: {} documents, for validation: {}", report.split.train.len(), report.split.validation.len());
    report.evcxr_display();
    // end of cell

    // notebook cell: lr-schedule
    use tiny_lm::plot::lr_schedule;

    println!(
        "peak {:.1e} after {} warm-up steps, decaying to {:.1e} at step {}",
        pretrain_config.learning_rate, pretrain_config.warmup_steps, pretrain_config.min_lr, pretrain_config.total_steps
    );
    lr_schedule(&pretrain_config).evcxr_display();
    // end of cell
    assert!((pretrain_config.min_lr / pretrain_config.learning_rate - 0.1).abs() < 1e-6, "the text says a tenth of the peak");

    // notebook cell: accumulation
    use tiny_lm::experiments::Closeness;

    let batch = Batch::sample(&data.train, 16, context_len, &mut Rng::new(7))?;
    let mut whole = Workspace::new(model_shape, 16, context_len, Precision::F32);
    whole.backprop(&model.params, &batch)?; // the gradient of the whole batch, in one pass

    let mut micro = Workspace::new(model_shape, 4, context_len, Precision::F32);
    for part in batch.split(4)? {
        // 4 windows at a time; scaled by 1 / (tokens of the whole batch), the gradients add up to the batch's
        micro.forward_backward(&model.params, &part.inputs, &part.targets, 1.0 / batch.num_tokens() as f32);
    }
    println!("memory held, measured: {} KB for 16 windows at once, {} KB for 4 at a time", whole.allocated_bytes() / 1024, micro.allocated_bytes() / 1024);
    println!("gradients: {}", Closeness::of(&whole.grads, &micro.grads));
    // end of cell
    assert!(Closeness::of(&whole.grads, &micro.grads).same());
    assert!(2 * micro.allocated_bytes() < whole.allocated_bytes());

    // notebook cell: checkpoint
    use tiny_lm::checkpoint::Checkpoint;
    use tiny_lm::experiments::ResumeReport;

    let run_config = TrainConfig { log_every: 0, eval_every: 0, ..pretrain_config };
    let mut straight = data.trainer(model_shape, run_config, 0)?;
    straight.train(40); // 40 steps without a break

    let mut first = data.trainer(model_shape, run_config, 0)?;
    first.train(20);
    let checkpoint_path = std::env::temp_dir().join("tiny_lm_step_20.tlm");
    Checkpoint::of_trainer(&first, Some(&tokenizer)).save(&checkpoint_path)?;
    drop(first); // the run stops here: a crash, a time limit

    let mut resumed = Checkpoint::load(&checkpoint_path)?.into_trainer(data.train.clone(), data.val.clone())?;
    println!("loaded {} at step {}", checkpoint_path.display(), resumed.step);
    resumed.train(20);
    let checkpoint_bytes = std::fs::metadata(&checkpoint_path).map_or(0, |m| m.len() as usize);
    let resume = ResumeReport::new(&straight, &resumed, 20, checkpoint_bytes);
    resume.evcxr_display();
    // end of cell
    assert!(resume.identical && checkpoint_bytes > 4 * model_shape.num_params(), "{resume}");
    std::fs::remove_file(&checkpoint_path)?;

    // notebook cell: precision
    let precision = experiments::bf16_vs_f32(&data, model_shape, pretrain_config, 50)?;
    precision.evcxr_display();
    // end of cell
    println!("precision verdict at the notebook's settings: {}", precision.verdict());
    assert!(precision.verdict().contains("MORE memory"), "{precision}");
    assert!(precision.loss_change().abs() <= experiments::SAME_LOSS_TOLERANCE, "{precision}");

    // notebook cell: parallel
    let speedup = experiments::parallel_speedup(&data, model_shape, pretrain_config, 2, 20)?;
    println!("{speedup}");
    // end of cell
    assert_eq!(speedup.runs.len(), 2);

    // notebook cell: try-it
    use tiny_lm::Trainer;

    let my_examples = vec![
        Example::new("How do I reset my password?", "Open Settings, choose Account, then Reset password. We will e-mail you a link."),
        Example::new("Where is my order?", "Open Orders to see where your parcel is. Most orders arrive within three days."),
        Example::new("Can I change my delivery address?", "Yes, until the order ships: open Orders, choose the order, then Change address."),
        Example::new("How do I cancel my subscription?", "Open Settings, choose Subscription, then Cancel. You keep access until the end of the month."),
        Example::new("The app crashes when I open it.", "Sorry about that! Please update the app and restart your phone. If it still crashes, write to us."),
    ];
    let my_question = "Q: How do I change my e-mail address?\nA:";

    let my_text: String = my_examples.iter().map(Example::to_text).collect();
    let my_config = TrainConfig { total_steps: 60, threads: 2, log_every: 20, eval_every: 0, ..TrainConfig::fine_tune() };
    let mut my_tuner = Trainer::new(pretrained_model.clone(), my_config, tokenizer.encode(&my_text), Vec::new())?;
    my_tuner.train(my_config.total_steps);
    use tiny_lm::generate::{sample, SampleConfig};
    let greedy = SampleConfig { max_new_tokens: 24, temperature: 0.0, ..SampleConfig::default() };
    println!("\nbefore: {:?}", sample(&pretrained_model, &tokenizer, my_question, &greedy)?);
    println!("after:  {:?}", sample(&my_tuner.model, &tokenizer, my_question, &greedy)?);
    compare_next(&pretrained_model, &my_tuner.model, &tokenizer, my_question, 5)?.evcxr_display();
    // end of cell
    Ok(())
}

/// The notebook's hands-on code cells as `(id, source without :dep lines)`.
fn notebook_cells() -> Vec<(String, String)> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../notebooks/02_how_llms_are_trained.ipynb"
    );
    let notebook: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let cells = notebook["cells"].as_array().unwrap();
    let first = cells
        .iter()
        .position(|c| c["id"] == "load-tiny-lm")
        .expect("the cell that loads tiny_lm");
    cells[first..]
        .iter()
        .filter(|c| c["cell_type"] == "code")
        .map(|c| {
            let source: String = c["source"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| l.as_str().unwrap())
                .collect();
            let kept: Vec<&str> = source.lines().filter(|l| !l.starts_with(':')).collect();
            (
                c["id"].as_str().unwrap().to_string(),
                kept.join("\n").trim().to_string(),
            )
        })
        .filter(|(_, source)| !source.contains("connector"))
        .collect()
}

/// The cell copies in `file` as `(id, source as the notebook holds it)`.
fn copies_in(file: &str) -> Vec<(String, String)> {
    let mut copies = Vec::new();
    let mut lines = file.lines();
    while let Some(line) = lines.next() {
        let Some(id) = line.strip_prefix(CELL_START) else {
            continue;
        };
        let body: Vec<&str> = lines
            .by_ref()
            .take_while(|l| *l != CELL_END)
            .map(|l| l.strip_prefix("    ").unwrap_or(l))
            .collect();
        let mut source = body.join("\n").trim().to_string();
        if let Some(shown) = source.strip_suffix(".evcxr_display();") {
            source = shown.to_string();
        }
        copies.push((id.to_string(), source));
    }
    copies
}

fn mismatches(cells: &[(String, String)], copies: &[(String, String)]) -> Vec<String> {
    let mut problems = Vec::new();
    for (i, (id, source)) in cells.iter().enumerate() {
        match copies.get(i) {
            Some((copy_id, copy)) if copy_id == id && copy == source => {}
            Some((copy_id, _)) if copy_id == id => {
                problems.push(format!("cell {id}: the copy differs"))
            }
            _ => problems.push(format!("cell {id}: no copy at position {i}")),
        }
    }
    if copies.len() > cells.len() {
        problems.push(format!(
            "{} copies of cells the notebook no longer has",
            copies.len() - cells.len()
        ));
    }
    problems
}

#[test]
fn every_hands_on_cell_is_here_verbatim() {
    let file = include_str!("notebook_cells.rs");
    let (cells, copies) = (notebook_cells(), copies_in(file));
    assert!(cells.len() >= 15, "{} hands-on cells", cells.len());
    let problems = mismatches(&cells, &copies);
    assert!(problems.is_empty(), "{problems:#?}");
    // The check fails on a changed cell and on a missing one.
    let mut edited = cells.clone();
    edited[1].1.push_str("\nprintln!(\"edited\");");
    assert_eq!(
        mismatches(&edited, &copies),
        vec![format!("cell {}: the copy differs", cells[1].0)]
    );
    assert!(!mismatches(&cells, &copies[1..]).is_empty());
}

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
    let mut normal =
        tiny_lm::Trainer::new(Model::new(shape, 42)?, quiet, data.train.clone(), vec![])?;
    let normal_loss = normal.train(300).recent_loss(10).unwrap();
    let slow_loss =
        tiny_lm::Trainer::new(Model::new(shape, 42)?, slow, data.train.clone(), vec![])?
            .train(300)
            .recent_loss(10)
            .unwrap();
    assert!(
        slow_loss > normal_loss + 0.5,
        "lr 3e-4: {slow_loss}, lr 3e-3: {normal_loss}"
    );

    // try-fine-tune: fine-tuning at the pre-training peak moves general-text loss further.
    let medical = TextData::from_examples(
        data.tokenizer.clone(),
        &corpus::finetune(corpus::Domain::Medical),
    );
    let gentle = TrainConfig {
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
            &normal.model,
            &medical,
            &data.val,
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
