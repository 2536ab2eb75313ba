//! The main notebook's hands-on cells (`notebooks/02_how_llms_are_trained.ipynb`), run in
//! order at the notebook's settings, so every cell is known to compile and to behave. The
//! evcxr kernel shows a cell's last expression; here that line calls `.evcxr_display()` on it.
//! `notebook_sync.rs` fails when a cell and its copy here differ; the assertions between the
//! cells check what the notebook's text says the cells show.
//!
//! After editing a hands-on cell, paste it here between its markers.

// The try-it cell keeps a `Vec` of examples: students add and remove some.
#![allow(clippy::useless_vec)]

use std::error::Error;

#[rustfmt::skip]
#[test]
fn hands_on_cells_run_in_order_at_the_notebooks_settings() -> Result<(), Box<dyn Error>> {
    // notebook cell: load-tiny-lm
    // The first code cell already loaded tiny_lm with `:dep`.
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
            .column("shipped base", shipped.next_tokens(context, 5)?);
        println!("{table}");
    }
    println!("The shipped model continues the first context like this:");
    println!("  The weather today is{}", shipped.continue_text("The weather today is", 30, 0));
    // end of cell

    // notebook cell: base-vs-instruct
    use tiny_lm::tables::Answers;

    let base = pretrained::load_base()?;
    let instruct = pretrained::load_instruct()?;
    let question = "Why would a company fine-tune a model instead of training a new one?";
    let offline = instruct.answer(question, 0);
    Answers::new(question)
        .add("base (pre-trained only)", base.continue_text(question, 40, 0))
        .add("instruct, written token by token", instruct.write_answer(question, 0))
        .add(&format!("offline answer ({})", offline.origin), &offline).evcxr_display();
    // end of cell
    // The Try line's promise: instruct ends its answer itself, and the label says
    // how the offline answer was made. The text's promise: this question is near one
    // `instruct` was tuned on, so the offline answer is recalled; written, it is not.
    let written = instruct.write_answer(question, 0);
    assert!(written.finished && !written.text.is_empty(), "{written:?}");
    assert_eq!(written.origin, tiny_lm::pretrained::Origin::Drafted);
    assert!(matches!(offline.origin, tiny_lm::pretrained::Origin::Recalled { .. }), "{offline:?}");
    assert!(offline.text.contains("fine-tun"), "{offline:?}");

    // notebook cell: fine-tune
    use tiny_lm::corpus::{finetune, Domain, Example};
    use tiny_lm::experiments;

    let medical = finetune(Domain::Medical);
    println!("{} medical examples; the first one as training text:\n\n{}", medical.len(), medical[0].to_text());
    let medical_data = TextData::from_examples(base.tokenizer.clone(), &medical);
    let general_val = base.tokenizer.encode(&tokenizer.decode(&data.val)); // the same held-out text, in base's tokens

    let pretrained_model = base.model.clone();
    let fine_tune_config = TrainConfig { batch_size: 4, total_steps: 30, threads: 2, log_every: 10, eval_every: 10, ..TrainConfig::fine_tune() };
    println!("peak learning rate {:.0e}: {:.2} of pre-training's {:.0e}\n", fine_tune_config.learning_rate,
        fine_tune_config.learning_rate / pretrain_config.learning_rate, pretrain_config.learning_rate);
    let medical_run = experiments::fine_tune(&pretrained_model, &medical_data, &general_val, fine_tune_config, fine_tune_config.total_steps)?;
    println!("\n{}", medical_run.history);
    medical_run.evcxr_display();
    // end of cell
    // What the notebook's text leads a student to look for, at the notebook's settings.
    assert!((fine_tune_config.learning_rate / pretrain_config.learning_rate - 1.0 / 3.0).abs() < 1e-6);
    assert!(medical_run.learned_domain(), "{medical_run}");
    println!("fine-tune verdict at the notebook's settings: {}", medical_run.verdict());

    // notebook cell: shift
    use tiny_lm::generate::{compare_next, sample, SampleConfig};

    let flu_context = "Q: What are the symptoms of the flu?\nA:";
    let greedy = SampleConfig { max_new_tokens: 30, temperature: 0.0, ..SampleConfig::default() };
    println!("{}", Answers::new(flu_context)
        .add("before (base)", sample(&pretrained_model, &base.tokenizer, flu_context, &greedy)?)
        .add("after fine-tuning", sample(&medical_run.model, &base.tokenizer, flu_context, &greedy)?));
    compare_next(&pretrained_model, &medical_run.model, &base.tokenizer, flu_context, 6)?.evcxr_display();
    // end of cell
    // "Fine-tuning moves probability towards the way the medical set's answers begin."
    let shift = compare_next(&pretrained_model, &medical_run.model, &base.tokenizer, flu_context, 6)?;
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

    // A variable holding references cannot outlive its cell in evcxr: the block keeps `models` inside.
    let bias = {
        let models = [("skewed data", &skewed.model), ("balanced data", &balanced.model)];
        experiments::pronoun_preferences(&tokenizer, corpus::BIAS_PROFESSIONS, &models)?
    };
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
    let my_config = TrainConfig { batch_size: 4, total_steps: 30, threads: 2, log_every: 10, eval_every: 0, ..TrainConfig::fine_tune() };
    let mut my_tuner = Trainer::new(pretrained_model.clone(), my_config, base.tokenizer.encode(&my_text), Vec::new())?;
    my_tuner.train(my_config.total_steps);
    println!("\nbefore: {:?}", sample(&pretrained_model, &base.tokenizer, my_question, &greedy)?);
    println!("after:  {:?}", sample(&my_tuner.model, &base.tokenizer, my_question, &greedy)?);
    compare_next(&pretrained_model, &my_tuner.model, &base.tokenizer, my_question, 5)?.evcxr_display();
    // end of cell
    Ok(())
}
