"""Hand-written facts about how language models are trained, for data/instruct/.

Written with a language model (the assistant that built this data set), checked by reading.
Format, parsed by make_instruct.py:

  @topic NAME         starts a topic; facts below belong to it
  T: term :: answer   a term to define; questions are made from templates ("What is {term}?",
                      "Define {term}.", ...); the answer must contain the term
  Q: q1 | q2 | q3     hand-written phrasings of one question ...
  A: answer           ... and its answer (1-3 sentences that reuse the question's key words)
"""

FACTS = r"""
@topic tokens
T: a token :: A token is a small piece of text, such as a word, a part of a word or a punctuation mark, that a language model reads and writes as one unit.
T: a tokenizer :: A tokenizer is the program that splits text into tokens and turns each token into a number the model can read.
T: a vocabulary :: A vocabulary is the fixed list of tokens a language model knows; every token in the vocabulary has its own number, called a token id.
T: a token id :: A token id is the whole number that stands for one token in the vocabulary; the model sees token ids, not letters.
T: byte pair encoding :: Byte pair encoding, or BPE, is a way to build a vocabulary by starting from single characters or bytes and repeatedly merging the pair of symbols that appears most often.
T: a subword :: A subword is a piece of a word, such as "un" or "ing", that a tokenizer uses as one token so that rare words can be built from common pieces.
T: a special token :: A special token is a reserved token, such as an end-of-text or padding token, that marks structure instead of standing for ordinary text.
T: an end-of-text token :: An end-of-text token is a special token that marks where a document or an answer stops, so the model learns when to stop writing.
T: a context window :: A context window is the largest number of tokens a model can look at at once; text beyond the context window is cut off or must be left out.
T: detokenization :: Detokenization is the step that turns token ids back into readable text by looking up each id in the vocabulary and joining the pieces.
T: a character-level tokenizer :: A character-level tokenizer treats every single character as a token, which gives a tiny vocabulary but very long token sequences.
T: a word-level tokenizer :: A word-level tokenizer treats each whole word as a token, which gives short sequences but cannot handle words it has never seen.
Q: Why do language models use tokens instead of whole words? | Why not give a model whole words instead of tokens? | What is the advantage of subword tokens over whole words?
A: Tokens made of subwords keep the vocabulary small while still covering every word, because a rare word can be spelled out from common subword tokens.
Q: How many tokens is a typical English word? | Roughly how many tokens does one English word take? | Is one word always one token?
A: A common English word is usually one token, while a long or rare word is split into two or more tokens; on average a word is a little more than one token.
Q: Why does the size of the vocabulary matter? | What happens if the vocabulary is too large or too small? | How do you choose a vocabulary size?
A: A larger vocabulary gives shorter token sequences but needs a bigger embedding table and more data per token; a smaller vocabulary is cheaper but makes sequences longer.
Q: How is a BPE tokenizer trained? | How do you train a byte pair encoding tokenizer? | What are the steps of training BPE?
A: To train a BPE tokenizer, you count every pair of neighbouring symbols in the training text, merge the most frequent pair into a new token, and repeat until the vocabulary has the size you want.
Q: What happens to a word the tokenizer has never seen? | How does a tokenizer deal with unknown words? | Can a subword tokenizer handle a brand new word?
A: A subword tokenizer splits a word it has never seen into smaller known pieces, down to single characters or bytes if needed, so no word is truly unknown.
Q: Why do tokenizers work on bytes? | What is a byte-level tokenizer good for? | Why start byte pair encoding from bytes instead of letters?
A: A byte-level tokenizer starts from the 256 possible bytes, so it can encode any text in any language, including emoji, without an unknown token.
Q: Why does the model need to know where an answer ends? | How does a chat model know when to stop talking? | What tells the model to stop generating?
A: The model learns to produce a special end-of-answer token after each answer in training, and generation stops as soon as that token comes out.
Q: Does the tokenizer change during fine-tuning? | Can you change the tokenizer after pre-training? | Do you need a new tokenizer for fine-tuning?
A: Usually the tokenizer stays the same during fine-tuning, because the model's embeddings were learned for that exact vocabulary; changing the tokenizer would mean retraining those embeddings.
Q: Why are some languages more expensive to process than English? | Why do some languages need more tokens? | Is tokenization fair to all languages?
A: A tokenizer trained mostly on English text has fewer merges for other languages, so the same sentence in those languages needs more tokens and costs more to process.
Q: How does a tokenizer treat spaces? | What happens to the spaces between words when tokenizing? | Are spaces part of the tokens?
A: Many tokenizers attach the space to the start of the next word, so " cat" and "cat" can be different tokens; the spaces are kept so the text can be rebuilt exactly.
Q: Why do numbers often tokenize badly? | Why are language models bad at arithmetic with long numbers? | How are numbers split into tokens?
A: Long numbers are often split into uneven chunks of digits, so the model does not see each digit in its place, which makes arithmetic on long numbers harder.

@topic data
T: a training corpus :: A training corpus is the large collection of text a language model learns from, such as books, articles, web pages and code.
T: data cleaning :: Data cleaning is the work of fixing or removing broken text before training, such as stray markup, bad encodings, control characters and extra whitespace.
T: deduplication :: Deduplication is the step that removes repeated documents from the training data, so the model does not memorise text it sees many times.
T: near-duplicate detection :: Near-duplicate detection finds documents that are almost the same, for example with only a few words changed, usually by comparing sets of word shingles with MinHash.
T: MinHash :: MinHash is a method that summarises a document's set of word shingles in a short signature, so that the share of matching signature values estimates how similar two documents are.
T: a shingle :: A shingle is a short run of consecutive words, such as three words in a row, used to compare documents for near duplicates.
T: Jaccard similarity :: Jaccard similarity is the size of the overlap of two sets divided by the size of their union; for documents it is often measured on their sets of word shingles.
T: a quality filter :: A quality filter is a rule or a small model that throws away low-quality text, such as spam, boilerplate, symbol soup or very short pages.
T: boilerplate :: Boilerplate is repeated text that carries no content, such as cookie banners, navigation menus, copyright lines and "subscribe now" prompts.
T: a web crawl :: A web crawl is a large automatic download of web pages; it is a big source of training text but needs heavy cleaning and filtering.
T: data provenance :: Data provenance is the record of where each piece of training data came from and under what licence, so that its use can be checked later.
T: a data mixture :: A data mixture is the recipe of how much of each source, such as web text, books, code and dialogue, goes into the training data.
T: a validation set :: A validation set is a slice of data kept out of training and used only to measure how well the model does on text it has not learned from.
T: a test set :: A test set is data held back until the very end, used once to report a final score that was not used to make any training decisions.
T: data contamination :: Data contamination happens when test or benchmark questions leak into the training data, so the model's score is inflated by memory instead of skill.
T: synthetic data :: Synthetic data is training data that was generated by a program or by another model rather than written by people.
T: PII scrubbing :: PII scrubbing is the step that finds personal data such as e-mail addresses and phone numbers in the training text and removes or masks it.
T: language identification :: Language identification is the step that detects which language a document is written in, so the training data can be filtered or balanced by language.
Q: Why is duplicated training data a problem? | What goes wrong if the training data has many duplicates? | Why remove duplicate documents before training?
A: Duplicated training data makes the model see the same text many times, so it memorises that text, wastes compute, and may repeat it word for word.
Q: Where does the training data for a large language model come from? | What sources are used to train large language models? | What kind of text do large language models learn from?
A: Large language models learn from text collected from web pages, books, encyclopedias, news, scientific papers, code and dialogue, after it has been cleaned and filtered.
Q: Why is data quality more important than data quantity? | Is more data always better for training? | Should you prefer more data or cleaner data?
A: More data helps only when it is good data; noisy or repeated text teaches the model mistakes, so a smaller clean dataset often beats a larger messy one.
Q: What are the steps of a data pipeline for training a language model? | What happens to text before it is used for training? | How is raw text prepared for pre-training?
A: A typical data pipeline collects raw text, cleans it, filters out low-quality pages, removes personal data, removes exact and near duplicates, and then splits it into training and validation sets.
Q: Why keep a validation set separate from the training data? | What is the point of holding out validation data? | Why not measure the model on its training data?
A: A model can memorise its training data, so only held-out validation data shows whether it has learned something that carries over to new text.
Q: How do you find near duplicates in millions of documents? | Comparing every pair of documents is too slow, so how are near duplicates found? | How does LSH help with deduplication?
A: Each document gets a MinHash signature, and locality-sensitive hashing (LSH) puts documents whose signatures share a band into the same bucket, so deduplication only compares documents in the same bucket instead of every pair.
Q: Why does the licence of training data matter? | Can you train on any text you find online? | What should you check before using text for training?
A: Before using text for training you should check its licence and terms, because copyrighted or restricted text may not be allowed, and record the data provenance.
Q: What is the risk of training on model-generated text? | Is it safe to train a model on synthetic data? | What happens if models are trained on their own output?
A: Training on a lot of model-generated synthetic data can narrow what the model knows and copy the generating model's mistakes, so synthetic data should be checked and mixed with human text.
Q: How do you spot benchmark questions in the training data? | How can data contamination be detected? | How do you keep evaluation questions out of the training set?
A: You can detect contamination by searching the training data for long overlapping n-grams or near duplicates of each evaluation question, and removing any matches before training.
Q: What does a quality filter look for? | How does a quality filter decide that a page is bad? | What makes a document low quality?
A: A quality filter looks for signs of low quality such as very short text, a high share of symbols, repeated words, boilerplate phrases and broken encoding.
Q: Why is curly quote and whitespace normalisation part of cleaning? | Why normalise text during data cleaning? | What does text normalisation do?
A: Normalisation maps different forms of the same character, such as curly and straight quotes or different spaces, to one form, so the tokenizer sees consistent text.
Q: How much text are large models trained on? | How big are the training datasets of modern language models? | How many tokens do large language models see in training?
A: Large modern language models are trained on trillions of tokens, while a small teaching model like this one learns from a few million characters.

@topic pretraining
T: a large language model :: A large language model, or LLM, is a language model with billions of parameters, pre-trained on a huge amount of text, that can answer questions and write text.
T: inference :: Inference is running a trained model to get an output, such as the next token of an answer, without changing its parameters.
T: pre-training :: Pre-training is the first stage of training, in which a model learns general language by predicting the next token on a very large amount of text.
T: next-token prediction :: Next-token prediction is the training task of guessing the following token from the tokens before it; a language model is trained on billions of such guesses.
T: a base model :: A base model is a model after pre-training only; it continues text well but does not reliably follow instructions or answer questions.
T: self-supervised learning :: Self-supervised learning means the training labels come from the data itself; in pre-training the label for each position is simply the next token of the text.
T: a language model :: A language model is a program that assigns probabilities to sequences of tokens and can therefore predict, and generate, the next token of a text.
T: a transformer :: A transformer is the neural network design used by most language models; it is built from layers of self-attention and feed-forward blocks.
T: self-attention :: Self-attention is the part of a transformer that lets every token look at the earlier tokens and take in information from the ones that matter most for it.
T: an embedding :: An embedding is a list of numbers that represents a token; the model learns embeddings so that tokens used in similar ways get similar numbers.
T: a parameter :: A parameter is one of the numbers inside a model, such as a weight or a bias, that training adjusts; large language models have billions of parameters.
T: a causal mask :: A causal mask stops each token from looking at later tokens during training, so the model cannot cheat by reading the token it has to predict.
T: positional encoding :: Positional encoding gives the model information about where each token is in the sequence, since attention alone does not know the order of tokens.
T: a training step :: A training step is one update of the model: a batch goes forward through the model, the loss is computed, gradients flow backward, and the optimizer changes the parameters.
T: a batch :: A batch is a group of training examples processed together in one training step; the gradient is averaged over the batch.
T: an epoch :: An epoch is one full pass over the training data; large language models often see their data only about once, while small models may train for many epochs.
T: backpropagation :: Backpropagation is the method that computes the gradient of the loss with respect to every parameter by applying the chain rule backwards through the network.
T: a gradient :: A gradient tells how much the loss would change if each parameter were nudged; training moves the parameters a small step against the gradient.
T: gradient descent :: Gradient descent is the training method that repeatedly changes the parameters a small step in the direction that lowers the loss.
T: the AdamW optimizer :: The AdamW optimizer is a popular variant of gradient descent that keeps running averages of each gradient and its square, and applies weight decay separately.
T: gradient accumulation :: Gradient accumulation adds up the gradients of several small micro-batches before taking one optimizer step, so a large batch fits in a small memory.
T: gradient clipping :: Gradient clipping scales the gradient down when its overall size is above a limit, which keeps one bad batch from throwing the training off.
T: a checkpoint file :: A checkpoint file is a saved copy of the model's parameters, and often the optimizer state, so training can resume or the model can be used later.
T: a scaling law :: A scaling law is a measured rule of thumb that says how a model's loss falls as the number of parameters, the amount of data and the compute grow.
Q: What does a model learn during pre-training? | What knowledge does pre-training give a model? | What is the goal of pre-training a language model?
A: During pre-training a model learns grammar, word meanings, facts and common patterns of text, because all of them help it predict the next token.
Q: Why is pre-training so expensive? | What makes pre-training cost so much? | Why does pre-training need so many computers?
A: Pre-training is expensive because a model with billions of parameters must process trillions of tokens, which takes thousands of accelerators running for weeks.
Q: Why can't a base model answer questions well? | What is missing from a model after pre-training only? | Why does a base model ramble instead of answering?
A: A base model only learned to continue text, so when given a question it may continue with more questions or unrelated text; instruction fine-tuning teaches it to answer.
Q: Where does the label come from in pre-training? | Does pre-training need labelled data? | Who labels the data for pre-training?
A: Pre-training needs no human labels: the label for each position is just the next token of the text, so any plain text can be used.
Q: What happens in one training step? | Walk me through a single training step. | What are the parts of a training step?
A: In one training step the model reads a batch, predicts the next tokens, computes the loss, runs backpropagation to get gradients, and the optimizer updates the parameters.
Q: Why does a transformer need a causal mask? | What would happen without the causal mask in training? | Why can a token not see the tokens after it?
A: Without a causal mask each token could see the answer it must predict, so training would be too easy and the model would fail at real generation, where the future is unknown.
Q: Why is attention useful for language? | What problem does attention solve? | Why did attention replace older designs?
A: Attention lets a token draw on any earlier token directly, however far back, so the model can connect a pronoun to its noun or a question to its topic.
Q: Why use gradient accumulation? | When do you need gradient accumulation? | What problem does gradient accumulation solve?
A: Gradient accumulation is used when a large batch does not fit in memory: several micro-batches are run one after another and their gradients are added before one update.
Q: Why save checkpoints during training? | How often should you save a checkpoint? | What is the use of saving checkpoints?
A: Saving checkpoints lets you resume training after a crash, go back to an earlier model if training goes wrong, and pick the checkpoint with the best validation loss.
Q: What does the number of parameters tell you about a model? | Are more parameters always better? | Does a bigger model always learn more?
A: More parameters let a model store more patterns, but a bigger model also needs more data and compute to train well; a big model trained on too little data is wasted.
Q: What do scaling laws say about model size and data? | How should data grow with model size? | How do you balance parameters and training tokens?
A: Scaling laws suggest growing the data together with the model size; a common rule of thumb is about twenty training tokens for every parameter.
Q: What is the difference between training and inference? | How is running a model different from training it? | What happens at inference time?
A: Training changes the model's parameters using the loss and gradients, while inference only runs the model forward with fixed parameters to produce an output.
Q: Why does the batch size matter? | What changes when you use a bigger batch? | How do you choose a batch size?
A: A bigger batch gives a smoother gradient and uses hardware better, but needs more memory and may need a higher learning rate; a small batch is noisier but cheaper per step.

@topic finetuning
T: fine-tuning :: Fine-tuning means continuing to train a pre-trained model on a smaller, focused dataset so that it gets better at a particular task or style.
T: instruction tuning :: Instruction tuning is fine-tuning on pairs of instructions and good answers, so that a base model learns to follow requests and reply helpfully.
T: supervised fine-tuning :: Supervised fine-tuning, or SFT, trains the model on example prompts with the answers people wrote for them, using the usual next-token loss on the answer.
T: domain adaptation :: Domain adaptation is fine-tuning a model on text from one field, such as medicine or law, so that it learns the words and facts of that domain.
T: RLHF :: RLHF, reinforcement learning from human feedback, trains a reward model on human preferences between answers and then tunes the language model to get high reward.
T: a reward model :: A reward model is a model trained to give a score to an answer, learned from human choices of which of two answers is better.
T: preference data :: Preference data is a set of prompts, each with two or more answers and a record of which answer people preferred.
T: direct preference optimization :: Direct preference optimization, or DPO, trains the model straight from preference data to make preferred answers more likely than rejected ones, without a separate reward model.
T: parameter-efficient fine-tuning :: Parameter-efficient fine-tuning changes only a small number of new or chosen parameters while the rest of the model stays frozen, which saves memory and storage.
T: LoRA :: LoRA, low-rank adaptation, freezes the original weights and learns two small matrices whose product is added to a weight matrix, so only a tiny fraction of parameters is trained.
T: an adapter :: An adapter is a small set of extra layers or weights trained for one task on top of a frozen model; several adapters can share one base model.
T: a chat template :: A chat template is the fixed text format that marks the system, user and assistant turns of a conversation, so the model knows who is speaking.
T: a system prompt :: A system prompt is an instruction placed before the conversation that sets the assistant's role, tone or rules for all of its answers.
T: catastrophic forgetting :: Catastrophic forgetting happens when fine-tuning on a narrow task makes a model lose skills or knowledge it had learned before.
T: full fine-tuning :: Full fine-tuning updates every parameter of the model, which gives the most freedom but needs as much memory as training the whole model.
T: a frozen layer :: A frozen layer is a layer whose weights are not updated during fine-tuning; freezing layers saves memory and protects what the model already knows.
Q: What is the difference between pre-training and fine-tuning? | How does fine-tuning differ from pre-training? | Pre-training versus fine-tuning: what changes?
A: Pre-training teaches general language from a huge amount of raw text, while fine-tuning continues from that model on a small, focused dataset to teach a task or style.
Q: What are the kinds of fine-tuning? | Which types of fine-tuning are there? | Name the main kinds of fine-tuning.
A: The main kinds of fine-tuning are instruction tuning, domain adaptation, preference tuning such as RLHF or DPO, and parameter-efficient methods such as LoRA.
Q: Why is the loss computed only on the answer tokens during instruction tuning? | Why mask the prompt tokens in the loss when fine-tuning? | Should the model be trained to predict the question too?
A: In instruction tuning the loss is computed only on the answer tokens, because the goal is to learn to write good answers, not to predict the user's question.
Q: How much data does instruction tuning need? | How many examples do you need to fine-tune a model? | Does fine-tuning need as much data as pre-training?
A: Fine-tuning needs far less data than pre-training; a few thousand good instruction examples can already change how a model answers.
Q: Why does LoRA save memory? | How can LoRA fine-tune a big model on a small GPU? | What makes LoRA cheaper than full fine-tuning?
A: LoRA saves memory because only the small low-rank matrices are trained, so there are few gradients and little optimizer state to store; the big frozen weights are only read.
Q: Why do we need RLHF after instruction tuning? | What does RLHF add that supervised fine-tuning does not? | Why use human feedback to train a model?
A: RLHF uses human feedback on which answers are better, so it can teach qualities that are hard to write as examples, such as being helpful, honest and harmless.
Q: How is a reward model trained? | Where does the reward in RLHF come from? | What data trains a reward model?
A: A reward model is trained on preference data: people compare two answers to the same prompt, and the reward model learns to give the preferred answer a higher score.
Q: How do you avoid catastrophic forgetting when fine-tuning? | How can fine-tuning keep the model's old skills? | What reduces forgetting during fine-tuning?
A: To reduce catastrophic forgetting you can use a small learning rate, train for fewer steps, mix some general data into the fine-tuning data, or use LoRA so the original weights stay frozen.
Q: Why use a lower learning rate for fine-tuning? | Should fine-tuning use the same learning rate as pre-training? | What learning rate is good for fine-tuning?
A: Fine-tuning usually uses a lower learning rate than pre-training, because the model is already good and large updates would erase what it learned.
Q: What does a chat template look like? | How are system, user and assistant turns marked? | How does a model tell the user's words from its own?
A: A chat template wraps each turn in markers such as "system:", "user:" and "assistant:" or special tokens, and ends each answer with an end-of-answer token, so the model can tell the user's words from its own.
Q: When should you use domain adaptation? | Why fine-tune on medical or legal text? | What is domain fine-tuning good for?
A: Domain adaptation helps when a field uses its own words and facts, such as medicine or law; fine-tuning on that domain's text makes the model more accurate there.
Q: Can fine-tuning teach a model new facts? | Is fine-tuning a good way to add knowledge? | Does fine-tuning add knowledge or change behaviour?
A: Fine-tuning is better at changing behaviour and style than at adding many new facts; for fresh facts, giving the model documents at question time often works better.
Q: What is the difference between RLHF and DPO? | Why would someone choose DPO instead of RLHF? | How does DPO simplify preference tuning?
A: RLHF first trains a reward model and then optimises against it with reinforcement learning, while DPO skips the reward model and learns directly from the preference pairs.
Q: What is the rank in LoRA? | How do you choose the LoRA rank? | What does a higher LoRA rank do?
A: The LoRA rank is the inner size of the two small matrices; a higher rank lets the adapter learn more change but trains more parameters.
Q: Why do companies fine-tune an existing model instead of pre-training their own? | Is it cheaper to fine-tune a model than to pre-train one? | Why start fine-tuning from a pre-trained model instead of from scratch?
A: Fine-tuning an existing model costs a tiny fraction of pre-training one, because the pre-trained model already knows the language; a company only needs a small set of its own examples and hours of compute instead of months.
Q: What is a good analogy for fine-tuning? | How can I picture fine-tuning in everyday terms? | What is fine-tuning like in everyday life?
A: Fine-tuning is like a doctor who finished general medical school and then trains as a specialist: the general knowledge stays, and a short focused training adds one specialty.
Q: What are some examples of fine-tuning? | Give examples of fine-tuned models. | What can fine-tuning be used for?
A: Examples of fine-tuning are a chat assistant tuned on instructions and answers, a medical model tuned on doctors' notes, a coding assistant tuned on source code, and a support bot tuned on a company's past customer conversations.

@topic loss
T: the loss function :: The loss function is the number training tries to make small; for a language model it is the cross-entropy of the correct next token.
T: cross-entropy loss :: Cross-entropy loss is minus the natural log of the probability the model gave to the correct token, averaged over all predicted tokens.
T: perplexity :: Perplexity is the exponential of the average cross-entropy loss; it is roughly the number of tokens the model is choosing between, so lower is better.
T: training loss :: Training loss is the loss measured on the batches the model is learning from; it usually keeps falling as training goes on.
T: validation loss :: Validation loss is the loss on held-out data the model never trains on; it shows how well the model does on new text.
T: a loss curve :: A loss curve is a plot of the loss against training steps; a healthy curve falls quickly at first and then flattens.
T: a unigram baseline :: A unigram baseline predicts every token from its overall frequency alone, ignoring context; a trained model should reach a clearly lower loss than this baseline.
T: a benchmark :: A benchmark is a fixed set of test questions or tasks with a scoring rule, used to compare models on the same problems.
T: accuracy :: Accuracy is the share of test questions a model answers correctly, for example 80 correct out of 100 is 80 percent accuracy.
T: human evaluation :: Human evaluation means people read and rate model answers, which catches problems that automatic scores miss but is slower and more expensive.
T: an evaluation metric :: An evaluation metric is a number that measures how well a model does on a task, such as accuracy, perplexity or a human rating.
T: logits :: Logits are the raw scores a model outputs for every token in the vocabulary; a softmax turns logits into probabilities.
T: the softmax function :: The softmax function turns a list of scores into probabilities that are positive and add up to one, giving larger scores more probability.
Q: What loss do language models use? | Which loss function trains a language model? | How is the loss of a language model computed?
A: Language models use cross-entropy loss: for each position the loss is minus the log of the probability the model gave to the true next token.
Q: What does a loss of zero mean? | Can the loss reach zero? | What would a perfect loss look like?
A: A loss of zero would mean the model gave probability one to every correct token, which never happens on real text; a loss near zero on training data usually means memorisation.
Q: How do you read a loss curve? | What does a good loss curve look like? | What should I look for in a loss curve?
A: On a good loss curve both training loss and validation loss fall and then level off; if validation loss starts rising while training loss keeps falling, the model is overfitting.
Q: How is perplexity related to loss? | How do you turn loss into perplexity? | Why do people report perplexity instead of loss?
A: Perplexity is e raised to the average cross-entropy loss, so a loss of 2 is a perplexity of about 7.4; people report perplexity because it reads like a number of choices.
Q: What loss does a model get by random guessing? | What is the starting loss of an untrained model? | What loss should a new model have at step zero?
A: An untrained model guesses roughly uniformly, so its loss starts near the natural log of the vocabulary size, for example about 6.9 for a vocabulary of 1,000 tokens.
Q: Why compare a model's loss with a unigram baseline? | What baseline should a language model beat? | How do you know the loss is actually good?
A: A unigram baseline only knows how common each token is, so a loss that beats it by a clear margin shows that the model has actually learned to use context, not just word frequency.
Q: Why is evaluating a chat model hard? | How do you evaluate open-ended answers? | Why is loss not enough to evaluate a chatbot?
A: Open-ended answers can be right in many different wordings, so loss and exact-match scores miss quality; evaluations combine benchmarks, automatic checks and human ratings.
Q: What is the difference between training loss and validation loss? | Why track both training and validation loss? | Which loss matters more, training or validation?
A: Training loss measures the data the model learns from and validation loss measures held-out data; validation loss matters more because it shows how the model does on new text.
Q: Why can benchmark scores be misleading? | Can you trust leaderboard benchmark results? | What can make a benchmark score too high?
A: Benchmark scores can mislead when the test questions leaked into the training data, when a model is tuned to the benchmark, or when the benchmark does not match real use.

@topic learning_rate
T: the learning rate :: The learning rate is the size of the step the optimizer takes when it changes the parameters; it is the most important setting in training.
T: a learning rate schedule :: A learning rate schedule changes the learning rate during training, usually warming it up at the start and lowering it towards the end.
T: learning rate warmup :: Learning rate warmup starts training with a very small learning rate and raises it over the first steps, which keeps the early updates from being unstable.
T: cosine decay :: Cosine decay lowers the learning rate along a cosine curve from its peak to a small value by the end of training.
T: weight decay :: Weight decay gently pulls every weight towards zero at each step, which keeps the weights small and helps against overfitting.
T: a hyperparameter :: A hyperparameter is a setting chosen before training, such as the learning rate, the batch size or the number of layers, rather than learned by the model.
T: momentum :: Momentum keeps a running average of past gradients, so the optimizer keeps moving in a steady direction instead of jumping around with each noisy batch.
Q: What happens if the learning rate is too high? | Why does training diverge with a large learning rate? | What does a too large learning rate do to the loss?
A: If the learning rate is too high, each update overshoots, the loss jumps around or explodes, and training can diverge into NaN values.
Q: What happens if the learning rate is too low? | Why is a tiny learning rate a problem? | What does a very small learning rate do to training?
A: If the learning rate is too low, the loss falls very slowly, so training wastes compute and may stop long before the model is good.
Q: Why warm up the learning rate? | Why not start with the full learning rate? | What problem does warmup solve?
A: Warmup starts with a small learning rate because the early gradients of a fresh model are large and noisy; raising the learning rate slowly avoids a bad first jump.
Q: Why lower the learning rate at the end of training? | Why does the learning rate decay over time? | What is the benefit of learning rate decay?
A: Lowering the learning rate at the end lets the model settle into a good minimum with small, careful steps instead of bouncing around it.
Q: How do you find a good learning rate? | How should I pick the learning rate? | What is a learning rate sweep?
A: You find a good learning rate by trying several values on short runs, often spaced by factors of about three, and keeping the one whose loss falls fastest without becoming unstable.
Q: Do bigger models need a smaller learning rate? | How does the learning rate change with model size? | Should large models use the same learning rate as small ones?
A: Bigger models usually need a smaller learning rate, because each update changes many more weights at once and large steps make them unstable.
Q: What does the AdamW optimizer keep in memory? | Why does Adam need extra memory? | How much memory does the optimizer state take?
A: The AdamW optimizer keeps two extra numbers for every parameter, the running mean of the gradient and of its square, so its state takes about twice the memory of the weights.

@topic overfitting
T: overfitting :: Overfitting is when a model learns its training data so closely, noise included, that it does worse on new data it has not seen.
T: underfitting :: Underfitting is when a model has not learned enough, so it does badly even on its training data; a bigger model or longer training can help.
T: generalization :: Generalization is a model's ability to do well on new data that was not in its training set, which is the real goal of training.
T: memorization :: Memorization is when a model stores and repeats exact pieces of its training data instead of learning general patterns.
T: regularization :: Regularization is any method that discourages a model from overfitting, such as dropout, weight decay or early stopping.
T: dropout :: Dropout randomly switches off a share of the activations during training, so the model cannot rely on any single path and overfits less.
T: early stopping :: Early stopping ends training when the validation loss stops improving, and keeps the checkpoint with the best validation loss.
T: data augmentation :: Data augmentation creates extra training examples by changing existing ones slightly, such as rephrasing a sentence, which helps against overfitting.
Q: How can you tell that a model is overfitting? | What are the signs of overfitting? | How do I know if my model overfits?
A: A model is overfitting when its training loss keeps falling while its validation loss stops falling or starts to rise, and it repeats training text word for word.
Q: How do you prevent overfitting? | What helps against overfitting? | What are ways to reduce overfitting?
A: You can reduce overfitting with more and more varied data, dropout, weight decay, early stopping on validation loss, or a smaller model.
Q: Why do small datasets overfit quickly? | Why does a model overfit when the data is small? | Is overfitting worse with little data?
A: With a small dataset the model sees the same examples many times and has enough parameters to memorise them, so it overfits quickly unless training is stopped early.
Q: What is the difference between overfitting and underfitting? | Overfitting or underfitting: how do they differ? | How do you tell underfitting from overfitting?
A: Underfitting means both training and validation loss stay high because the model learned too little; overfitting means training loss is low but validation loss is high because it learned the training data too closely.
Q: Why does dropout help a model generalize? | How does dropout reduce overfitting? | What does dropout do during training?
A: Dropout switches off random activations in each training step, so the model must spread what it learns over many paths, which reduces overfitting and helps it generalize.
Q: Is dropout used when generating text? | Is dropout turned off at inference time? | Does dropout stay on after training?
A: Dropout is used only during training; at inference time it is turned off so the model's output is steady and uses all of its activations.
Q: Why do large language models rarely train for many epochs? | Why is one epoch common for big models? | Why not repeat the data many times in pre-training?
A: Large language models have so much data that one epoch is often enough, and repeating the data many times would push them towards memorisation instead of generalization.

@topic compute
T: a GPU :: A GPU, or graphics processing unit, is a chip with thousands of small cores that does the matrix multiplications of neural networks much faster than a CPU.
T: a FLOP :: A FLOP is one floating-point operation, such as one multiplication or addition; training compute is counted in total FLOPs.
T: mixed precision training :: Mixed precision training stores and computes most numbers in 16-bit formats such as bf16 while keeping a 32-bit master copy of the weights, which saves memory and time.
T: bf16 :: bf16, or bfloat16, is a 16-bit number format with the same range as 32-bit floats but less precision, widely used to train neural networks.
T: data parallelism :: Data parallelism trains one model on many devices at once: each device processes a different part of the batch and the gradients are averaged.
T: model parallelism :: Model parallelism splits one model across several devices because it is too large to fit in the memory of a single device.
T: quantization :: Quantization stores a trained model's weights with fewer bits, such as 8 or 4 bits, so the model takes less memory and runs faster with a small loss in quality.
T: a KV cache :: A KV cache stores the attention keys and values of earlier tokens during generation, so each new token needs only its own computation instead of the whole text again.
T: throughput :: Throughput is how much work gets done per second, for example how many tokens a model trains on or generates per second.
T: latency :: Latency is the time a user waits for an answer, such as the time until the first token or until the whole reply arrives.
Q: How much compute does training a model take? | How do you estimate the FLOPs of training? | How many operations does training need?
A: A common estimate is that training takes about six FLOPs per parameter per training token, so the compute grows with both model size and data size.
Q: Why are GPUs used to train language models? | Why not train large models on a CPU? | What makes GPUs good for deep learning?
A: GPUs are used because training is mostly large matrix multiplications, and a GPU runs thousands of multiplications in parallel, far faster than a CPU.
Q: Why does training a large model cost millions of dollars? | What makes training large language models so costly? | Where does the money go when training a big model?
A: Training a large model costs millions because it needs thousands of GPUs for weeks, plus electricity, cooling, engineers and many failed or test runs.
Q: How does mixed precision save memory? | Why train with 16-bit numbers? | What is the benefit of bf16 training?
A: Mixed precision training with bf16 saves memory and time because 16-bit numbers take half the bytes of 32-bit ones and run faster on modern chips, while a 32-bit copy of the weights keeps updates accurate.
Q: Why does a KV cache make generation faster? | What does the KV cache save during generation? | Why cache keys and values?
A: Without a KV cache the model would recompute attention for every earlier token at each step; the KV cache keeps those keys and values, so each new token costs much less.
Q: How much memory does a model need for training? | Why does training need more memory than inference? | What takes memory during training?
A: Training needs memory for the weights, the gradients, the optimizer state and the saved activations, which together can be several times the memory needed for inference.
Q: What is the environmental cost of training large models? | Do large language models use a lot of energy? | Why do people worry about the energy use of AI?
A: Training and serving large models uses a lot of electricity, so their energy use and carbon footprint depend on model size, hardware efficiency and how clean the power is.
Q: Why is inference cost important? | Is it training or serving that costs more over time? | Why do companies care about the cost of inference?
A: Training happens once, but inference runs for every user request, so for a popular model the total cost of inference can grow larger than the cost of training.
Q: How does quantization affect a model? | Does quantization make a model worse? | Why quantize a model after training?
A: Quantization makes a model smaller and faster by storing weights with fewer bits; with 8 bits the quality loss is usually small, while 4 bits loses a little more.

@topic bias
T: bias in a language model :: Bias in a language model is a systematic unfairness, such as linking jobs to one gender, that the model picked up from patterns in its training data.
T: a stereotype :: A stereotype is an oversimplified belief about a group of people; a model trained on text full of stereotypes learns and repeats them.
T: fairness :: Fairness means a model treats people and groups evenly, giving answers of the same quality without favouring or harming any group.
T: representation bias :: Representation bias happens when some groups, languages or viewpoints are rare in the training data, so the model knows and serves them less well.
T: red teaming :: Red teaming means testers deliberately try to make a model produce harmful, biased or unsafe output, so the problems can be found and fixed before release.
T: a hallucination :: A hallucination is a confident answer from a model that is false or made up, such as a fake quotation or a source that does not exist.
T: alignment :: Alignment is the work of making a model's behaviour match human intentions and values, so that it is helpful, honest and avoids harm.
Q: Where does bias in language models come from? | Why are language models biased? | How does a model become biased?
A: Bias in language models comes mostly from the training data: the model learns the patterns of the text it reads, including stereotypes and the over- or under-representation of groups.
Q: How can you measure bias in a model? | How do you test a model for gender bias? | What is a simple way to measure bias?
A: You can measure bias by giving the model matched prompts that differ only in a group, such as "The nurse said that" and "The engineer said that", and counting how its answers differ.
Q: How can bias in a model be reduced? | What can be done about bias in training data? | How do you make a model fairer?
A: Bias can be reduced by balancing the training data, filtering harmful text, fine-tuning on fair examples, measuring bias before release and red teaming the model.
Q: Does balancing the training data remove all bias? | Is balanced data enough to make a model fair? | Can data balancing fix bias completely?
A: Balancing the training data reduces the bias you measured, but it rarely removes all bias, because other skews remain in the data, so bias should be measured again after training.
Q: Why do language models hallucinate? | Why does a model make up facts? | What causes hallucinations in chatbots?
A: Language models hallucinate because they are trained to produce likely text, not checked facts, so when they do not know an answer they can still write a fluent, confident guess.
Q: How can hallucinations be reduced? | How do you make a model make up fewer facts? | What helps against hallucination?
A: Hallucinations can be reduced by giving the model trusted documents to answer from, training it to say when it does not know, and checking its answers against sources.
Q: Why is it a problem if a model works better in English than in other languages? | What is language bias in language models? | Do models serve all languages equally?
A: Most training text is English, so models usually work best in English and worse in other languages, which is a representation bias that leaves many users with weaker answers.

@topic privacy
T: personal data :: Personal data is any information about an identifiable person, such as a name with an address, an e-mail address, a phone number or a health record.
T: data minimization :: Data minimization means collecting and keeping only the personal data that is really needed, which lowers privacy risk.
T: differential privacy :: Differential privacy is a mathematical guarantee, usually reached by adding careful noise during training, that the model reveals almost nothing about any single person in the data.
T: anonymization :: Anonymization removes or changes the details that identify a person, such as names and numbers, so the data can no longer be linked to that person.
T: a membership inference attack :: A membership inference attack tries to find out whether a particular text or person was part of a model's training data.
T: training data extraction :: Training data extraction is an attack that prompts a model to repeat memorised training text, which can leak personal data that was in the training set.
T: consent :: Consent means a person has agreed, freely and knowingly, to their data being used for a stated purpose, such as training a model.
Q: Why is privacy a concern when training language models? | What are the privacy risks of language models? | How can a language model leak private information?
A: Training data scraped from the web can contain personal data, and a model that memorises it may repeat names, e-mail addresses or phone numbers to anyone who asks.
Q: How do you remove personal data from training text? | How are e-mail addresses and phone numbers handled in training data? | What does PII removal look like?
A: Personal data is removed by finding patterns such as e-mail addresses, phone numbers and identity numbers with rules or a model, and replacing them with placeholders before training.
Q: Can a model forget a person's data after training? | How do you delete someone's data from a trained model? | Is it possible to make a model unlearn data?
A: Removing one person's data from a trained model is hard, because the data is spread across many parameters; the reliable way is to remove it from the data and retrain.
Q: Should users type secrets into a chatbot? | Is it safe to share passwords with an AI assistant? | What should I not tell a chatbot?
A: You should not type passwords, secrets or sensitive personal data into a chatbot, because conversations may be stored, reviewed or used to train future models.
Q: Why does memorization create privacy risk? | How is memorization linked to privacy? | Why is it bad if a model memorises its training data?
A: Memorization creates privacy risk because a model that stores exact training text can repeat it, including any personal data it contained, when prompted the right way.
Q: What does deduplication have to do with privacy? | Does removing duplicates help protect privacy? | Why does repeated personal data leak more easily?
A: Text that appears many times in the training data is memorised much more easily, so removing duplicates lowers the chance that a model repeats personal data word for word, which helps protect privacy.

@topic generation
T: sampling temperature :: Sampling temperature divides the model's scores before the softmax; a low temperature makes output more predictable and a high temperature makes it more varied.
T: greedy decoding :: Greedy decoding always picks the single most likely next token; it is deterministic but can get stuck repeating the same phrase.
T: top-k sampling :: Top-k sampling keeps only the k most likely next tokens and picks one of them at random by their probabilities.
T: top-p sampling :: Top-p sampling, also called nucleus sampling, keeps the smallest set of likely tokens whose probabilities add up to p and samples from that set.
T: a repetition penalty :: A repetition penalty lowers the scores of tokens that were already generated, so the model is less likely to repeat itself in a loop.
T: a prompt :: A prompt is the text given to a language model as input, such as a question or an instruction, which the model continues or answers.
T: prompt engineering :: Prompt engineering is writing the prompt carefully, with clear instructions, examples and context, to get better answers without changing the model.
T: few-shot prompting :: Few-shot prompting puts a few worked examples in the prompt before the real question, so the model can copy the pattern without any training.
T: autoregressive generation :: Autoregressive generation produces text one token at a time, adding each new token to the input before predicting the next one.
Q: What does temperature do when generating text? | How does changing the temperature change the output? | Should I use a high or a low temperature?
A: Temperature controls randomness: a low temperature makes the output focused and repeatable, while a high temperature makes it more varied but also more likely to go off track.
Q: Why does greedy decoding repeat itself? | Why does a small model get stuck in loops? | How can you stop a model from repeating the same words?
A: Greedy decoding always takes the most likely token, so once a phrase becomes likely it keeps choosing it; sampling, top-k, top-p and a repetition penalty stop the model from repeating the same words in a loop.
Q: How does a language model generate a whole answer? | How does text generation work step by step? | How does the model write more than one word?
A: The model predicts a probability for every possible next token, one token is chosen, it is added to the text, and the process repeats until an end token or a length limit.
Q: What is the difference between top-k and top-p sampling? | Top-k or top-p: which should I use? | How do top-k and top-p differ?
A: Top-k always keeps a fixed number of candidate tokens, while top-p keeps as many tokens as needed to reach a probability mass p, so top-p adapts to how sure the model is.
Q: Why does the same prompt give different answers? | Why is a chatbot's answer not the same every time? | How can the output be made deterministic?
A: Answers differ because the next token is sampled at random; with greedy decoding or a fixed random seed the output is deterministic, so the same prompt gives the same answer.

@topic tokens
T: a merge rule :: A merge rule is one learned step of a BPE tokenizer, such as "join t and h into th"; the tokenizer applies its merge rules in the order they were learned.
T: a padding token :: A padding token is a special token used to fill short sequences up to the same length so they can share a batch; the loss ignores padding tokens.
Q: Why do two models count different numbers of tokens for the same text? | Why is a token count not the same across models? | Do all models split text into the same tokens?
A: Each model has its own tokenizer and vocabulary, so the same text is split into different tokens and the token count differs from model to model.
Q: How are emoji and accented letters tokenized? | Can a tokenizer handle emoji? | How are letters such as é split into tokens?
A: A byte-level tokenizer writes emoji and accented letters as their UTF-8 bytes, so a rare emoji may take several tokens while common accented letters often have a token of their own.

@topic data
T: Common Crawl :: Common Crawl is a free public archive of billions of web pages, collected since 2008, which many language models use as raw training data.
T: a toxicity classifier :: A toxicity classifier is a small model that scores text for insults, hate or threats, so that toxic documents can be filtered out of the training data.
T: a datasheet for a dataset :: A datasheet for a dataset is a document that records how the data was collected, what it contains, its licence, its known gaps and how it should be used.
Q: Why are language models trained on source code too? | What does code in the training data add? | Why include programming code in training data?
A: Source code in the training data teaches a model to write and explain programs, and its precise structure also seems to help with step-by-step reasoning.
Q: What is the difference between cleaning and filtering data? | Is filtering the same as cleaning? | How does data filtering differ from data cleaning?
A: Cleaning repairs a document, for example by fixing encodings and whitespace, while filtering decides whether to keep the whole document at all.
Q: Why is web text so messy? | What is wrong with raw web pages? | Why can't raw web text be used directly?
A: Raw web text mixes real content with menus, adverts, cookie banners, spam, broken encodings and copies of other pages, so it must be cleaned and filtered first.

@topic pretraining
T: a transformer layer :: A transformer layer, also called a block, combines a self-attention step and a feed-forward step, each with a residual connection and normalization; models stack many of them.
T: a feed-forward layer :: A feed-forward layer is the part of a transformer block that processes each token on its own with two matrix multiplications and an activation function in between.
T: layer normalization :: Layer normalization rescales the numbers of each token's vector to a steady mean and spread, which keeps training stable in deep networks.
T: a residual connection :: A residual connection adds a layer's input to its output, so information and gradients can flow straight through many layers.
T: multi-head attention :: Multi-head attention runs several attention heads side by side, so different heads can track different relations between tokens, such as grammar or topic.
T: an activation function :: An activation function is the simple non-linear step, such as ReLU or GELU, applied inside a network so that it can learn more than straight-line relations.
T: a decoder-only model :: A decoder-only model is a transformer that reads text left to right with a causal mask and predicts the next token; most chat models are decoder-only.
T: teacher forcing :: Teacher forcing means that during training the model always gets the true previous tokens as input, not its own guesses, so every position can be trained at once.
T: weight initialization :: Weight initialization sets the starting values of the parameters, usually small random numbers, so that signals neither vanish nor explode at the start of training.
Q: Why do language models have so many layers? | What do deeper layers add to a model? | Why stack many transformer layers?
A: Each layer builds on the one below it, so stacking many layers lets a model go from spelling and grammar in early layers to meaning and facts in later ones.
Q: What is the difference between a parameter and a hyperparameter? | Is the learning rate a parameter? | Parameters versus hyperparameters: what is the difference?
A: A parameter is a number the model learns during training, such as a weight; a hyperparameter, such as the learning rate, is a setting you choose before training.
Q: How much memory do a billion parameters take? | How big is a model with seven billion parameters? | How do you work out the size of a model file?
A: Each parameter takes 4 bytes in 32-bit floats or 2 bytes in 16-bit, so one billion parameters take about 2 GB in 16-bit and a seven-billion-parameter model about 14 GB.
Q: Why are training examples shuffled? | Why draw batches at random? | What happens if the training data is not shuffled?
A: Shuffling mixes the training examples so each batch is a fair sample of the data; without shuffling, the model would drift towards whatever topic it saw last.

@topic finetuning
T: continued pre-training :: Continued pre-training runs more next-token training on a base model with new raw text, such as a new language or field, before any instruction tuning.
T: a reference model :: A reference model is a frozen copy of the model from before preference tuning; RLHF and DPO compare against it so the tuned model does not drift too far.
T: a KL penalty :: A KL penalty in RLHF charges the model for moving its answers too far from the reference model, which keeps them fluent and stops it from gaming the reward.
T: reward hacking :: Reward hacking happens when a model finds a way to get a high score from the reward model without really giving better answers, such as by writing longer replies.
T: QLoRA :: QLoRA trains LoRA adapters on top of a base model whose weights are stored quantized in 4 bits, so even large models can be fine-tuned on one GPU.
T: constitutional AI :: Constitutional AI trains a model to critique and revise its own answers against a written list of principles, which reduces the number of human labels needed.
Q: What is the difference between instruction tuning and domain adaptation? | Instruction tuning or domain adaptation: which does what? | How does domain adaptation differ from instruction tuning?
A: Instruction tuning teaches a model how to respond to requests in general, while domain adaptation teaches it the words and facts of one field; the two can be combined.
Q: Can one base model have many LoRA adapters? | Can LoRA adapters be swapped? | How do you serve several fine-tuned versions of one model?
A: Yes, one base model can keep many small LoRA adapters, one per task, and swap them in and out, which is far cheaper than storing a full copy of the model for each task.
Q: Why does RLHF need a reference model? | What stops a model from drifting during RLHF? | Why add a KL penalty in RLHF?
A: RLHF keeps a frozen reference model and adds a KL penalty for drifting away from it, so the model cannot chase the reward with strange text and stays fluent.

@topic loss
T: BLEU :: BLEU is an automatic score for machine translation that counts how many word n-grams of the output also appear in reference translations.
T: LLM-as-a-judge :: LLM-as-a-judge means using a strong language model to grade or compare other models' answers, which is cheap but can share the judge model's biases.
T: calibration :: Calibration means a model's confidence matches how often it is right; a well-calibrated model that says 80 percent is right about 80 percent of the time.
T: exact match :: Exact match is a strict score that counts an answer as right only if it equals the reference answer word for word.
Q: Why keep a test set apart from the validation set? | If I have a validation set, why do I need a test set? | What is the test set for?
A: The validation set is used again and again to tune choices, so it slowly stops being fresh; a separate test set, used once at the end, gives an honest final score.
Q: Can you compare perplexity between models with different tokenizers? | Is a lower perplexity always a better model? | When is comparing perplexity unfair?
A: Perplexity depends on the tokenizer and the test data, so it is only a fair comparison between models that use the same tokenizer and are measured on the same text.

@topic learning_rate
T: a loss spike :: A loss spike is a sudden jump in the training loss, often caused by a bad batch or a learning rate that is too high; gradient clipping and a lower learning rate help.
T: linear decay :: Linear decay lowers the learning rate in a straight line from its peak to a small value at the end of training.
Q: What does it mean when the loss becomes NaN? | Why does my training loss show NaN? | How do I fix a NaN loss?
A: A NaN loss means the numbers in training overflowed, usually because the learning rate is too high or a gradient exploded; lower the learning rate, clip gradients and restart from a checkpoint.
Q: Why does the loss curve flatten out? | Why does the loss stop going down? | What does a flat loss curve mean?
A: A loss curve flattens when the model has learned most of what it can at the current learning rate and size; lowering the learning rate, adding data or a bigger model can help.

@topic pretraining
Q: What is a good analogy for pre-training? | How can I picture pre-training in everyday terms? | What is pre-training like in everyday life?
A: Pre-training is like a child who reads thousands of books before choosing a job: the model learns how language works in general, without being taught any one task.

@topic overfitting
T: the generalization gap :: The generalization gap is the difference between the validation loss and the training loss; a growing gap is the clearest sign of overfitting.
T: the bias-variance trade-off :: The bias-variance trade-off says a model that is too simple misses patterns, while a model that is too flexible fits noise; good training finds a balance.
Q: Can a model overfit during fine-tuning? | How many epochs should fine-tuning run? | Is overfitting a risk when fine-tuning on a small dataset?
A: Yes, fine-tuning on a small dataset can overfit within a few epochs, so it usually runs for one to three epochs and stops early when the validation loss stops improving.

@topic compute
T: a TPU :: A TPU, or tensor processing unit, is a chip designed by Google specially for the matrix arithmetic of neural networks.
T: memory bandwidth :: Memory bandwidth is how many bytes per second a chip can read from its memory; generating text is often limited by memory bandwidth rather than arithmetic.
T: activation checkpointing :: Activation checkpointing saves memory in training by storing only some activations and recomputing the others during the backward pass.
T: knowledge distillation :: Knowledge distillation trains a small student model to copy the outputs of a large teacher model, giving a cheaper model that keeps much of the teacher's skill.
T: a CPU :: A CPU, or central processing unit, is the general-purpose processor of a computer; it has a few fast cores and can train small models, but slowly compared with a GPU.
Q: Can you train a language model on a laptop? | Is it possible to train a model without a GPU? | How small must a model be to train on a CPU?
A: Yes, a tiny language model with a few hundred thousand or a few million parameters can be trained on a laptop CPU in minutes, as this course does, but large models need many GPUs.
Q: Why is text generation limited by memory bandwidth? | Why is generating one token at a time slow? | What limits the speed of generation?
A: Generating each token means reading all of the model's weights from memory for very little arithmetic, so the speed of generation is limited by memory bandwidth.
Q: What are the main challenges of training a large language model? | Which problems make training language models hard? | What makes training an LLM difficult?
A: The main challenges of training a large language model are the huge cost of compute, collecting enough clean data, bias and private information hidden in that data, unstable training runs, and checking whether the finished model is really good.

@topic bias
T: a jailbreak :: A jailbreak is a prompt written to trick a model into ignoring its safety rules, for example by role-play or by hiding the request.
T: a guardrail :: A guardrail is a check around a model, such as a filter on inputs or outputs, that blocks unsafe or off-topic requests and answers.
T: toxicity :: Toxicity is rude, hateful or threatening language; models can learn toxicity from web text, so it is filtered from data and measured in outputs.
Q: Why do chat models refuse some requests? | Why won't the assistant answer some questions? | How does a model learn to say no?
A: A chat model or assistant learns to refuse some requests and questions because fine-tuning and preference tuning taught it to decline clearly harmful ones, such as instructions for weapons or crimes.

@topic privacy
T: federated learning :: Federated learning trains a model across many devices that keep their data locally and share only model updates, so the raw data never leaves the device.
T: a data retention policy :: A data retention policy says how long stored data, such as chat logs, is kept before it is deleted.
Q: Can a company use my chats to train its models? | Are my conversations with a chatbot used for training? | How can I stop my chats being used for training?
A: It depends on the company's terms and your settings: some services use chats to train models unless you opt out, so read the privacy settings and turn training off if you can.
"""
