"""Restatements of the course phrasings that instruct_restate.py's rules cannot turn into an
indirect question. Written with a language model (the assistant that built this data for
issue 13), one per phrasing, in the phrasing's own words: "<phrasing> | <restatement>".
"""

RESTATED_TEXT = """
Why not give a model whole words instead of tokens? | Here is why a model is not given whole words instead of tokens
How many tokens is a typical English word? | Here is how many tokens a typical English word is
Roughly how many tokens does one English word take? | Here is roughly how many tokens one English word takes
Is one word always one token? | Here is whether one word is always one token
Why does the size of the vocabulary matter? | Here is why the size of the vocabulary matters
How is a BPE tokenizer trained? | Here is how a BPE tokenizer is trained
How does a tokenizer deal with unknown words? | Here is how a tokenizer deals with unknown words
Can a subword tokenizer handle a brand new word? | Here is whether a subword tokenizer can handle a brand new word
Why start byte pair encoding from bytes instead of letters? | Here is why byte pair encoding starts from bytes instead of letters
Why does the model need to know where an answer ends? | Here is why the model needs to know where an answer ends
How does a chat model know when to stop talking? | Here is how a chat model knows when to stop talking
Does the tokenizer change during fine-tuning? | Here is whether the tokenizer changes during fine-tuning
Can you change the tokenizer after pre-training? | Here is whether you can change the tokenizer after pre-training
Do you need a new tokenizer for fine-tuning? | Here is whether you need a new tokenizer for fine-tuning
Why are some languages more expensive to process than English? | Here is why some languages are more expensive to process than English
Is tokenization fair to all languages? | Here is whether tokenization is fair to all languages
How does a tokenizer treat spaces? | Here is how a tokenizer treats spaces
Are spaces part of the tokens? | Here is whether spaces are part of the tokens
Why are language models bad at arithmetic with long numbers? | Here is why language models are bad at arithmetic with long numbers
How are numbers split into tokens? | Here is how numbers are split into tokens
Why is duplicated training data a problem? | Here is why duplicated training data is a problem
Why remove duplicate documents before training? | Here is why duplicate documents are removed before training
Where does the training data for a large language model come from? | Here is where the training data for a large language model comes from
What sources are used to train large language models? | Here is what sources are used to train large language models
Why is data quality more important than data quantity? | Here is why data quality is more important than data quantity
Is more data always better for training? | Here is whether more data is always better for training
Should you prefer more data or cleaner data? | Here is whether you should prefer more data or cleaner data
How is raw text prepared for pre-training? | Here is how raw text is prepared for pre-training
Why keep a validation set separate from the training data? | Here is why a validation set is kept separate from the training data
Why not measure the model on its training data? | Here is why the model is not measured on its training data
Comparing every pair of documents is too slow, so how are near duplicates found? | Here is how near duplicates are found without comparing every pair of documents
How does LSH help with deduplication? | Here is how LSH helps with deduplication
Why does the licence of training data matter? | Here is why the licence of training data matters
Can you train on any text you find online? | Here is whether you can train on any text you find online
What should you check before using text for training? | Here is what you should check before using text for training
Is it safe to train a model on synthetic data? | Here is whether it is safe to train a model on synthetic data
How can data contamination be detected? | Here is how data contamination can be detected
What does a quality filter look for? | Here is what a quality filter looks for
How does a quality filter decide that a page is bad? | Here is how a quality filter decides that a page is bad
Why is curly quote and whitespace normalisation part of cleaning? | Here is why curly quote and whitespace normalisation is part of cleaning
Why normalise text during data cleaning? | Here is why text is normalised during data cleaning
What does text normalisation do? | Here is what text normalisation does
How much text are large models trained on? | Here is how much text large models are trained on
How big are the training datasets of modern language models? | Here is how big the training datasets of modern language models are
What does a model learn during pre-training? | Here is what a model learns during pre-training
What knowledge does pre-training give a model? | Here is what knowledge pre-training gives a model
Why is pre-training so expensive? | Here is why pre-training is so expensive
Why does pre-training need so many computers? | Here is why pre-training needs so many computers
Why can't a base model answer questions well? | Here is why a base model cannot answer questions well
Why does a base model ramble instead of answering? | Here is why a base model rambles instead of answering
Where does the label come from in pre-training? | Here is where the label comes from in pre-training
Does pre-training need labelled data? | Here is whether pre-training needs labelled data
Who labels the data for pre-training? | Here is who labels the data for pre-training
Walk me through a single training step. | Here is a single training step, walked through
Why does a transformer need a causal mask? | Here is why a transformer needs a causal mask
What would happen without the causal mask in training? | Here is what would happen without the causal mask in training
Why can a token not see the tokens after it? | Here is why a token cannot see the tokens after it
Why is attention useful for language? | Here is why attention is useful for language
What problem does attention solve? | Here is what problem attention solves
Why did attention replace older designs? | Here is why attention replaced older designs
Why use gradient accumulation? | Here is why gradient accumulation is used
What problem does gradient accumulation solve? | Here is what problem gradient accumulation solves
Why save checkpoints during training? | Here is why checkpoints are saved during training
How often should you save a checkpoint? | Here is how often you should save a checkpoint
What does the number of parameters tell you about a model? | Here is what the number of parameters tells you about a model
Are more parameters always better? | Here is whether more parameters are always better
Does a bigger model always learn more? | Here is whether a bigger model always learns more
How should data grow with model size? | Here is how data should grow with model size
How is running a model different from training it? | Here is how running a model is different from training it
Why does the batch size matter? | Here is why the batch size matters
How does fine-tuning differ from pre-training? | Here is how fine-tuning differs from pre-training
Pre-training versus fine-tuning: what changes? | Here is what changes from pre-training to fine-tuning
Which types of fine-tuning are there? | Here is which types of fine-tuning there are
Name the main kinds of fine-tuning. | Here are the main kinds of fine-tuning
Why is the loss computed only on the answer tokens during instruction tuning? | Here is why the loss is computed only on the answer tokens during instruction tuning
Why mask the prompt tokens in the loss when fine-tuning? | Here is why the prompt tokens are masked in the loss when fine-tuning
Should the model be trained to predict the question too? | Here is whether the model should be trained to predict the question too
How much data does instruction tuning need? | Here is how much data instruction tuning needs
Does fine-tuning need as much data as pre-training? | Here is whether fine-tuning needs as much data as pre-training
Why does LoRA save memory? | Here is why LoRA saves memory
How can LoRA fine-tune a big model on a small GPU? | Here is how LoRA can fine-tune a big model on a small GPU
What does RLHF add that supervised fine-tuning does not? | Here is what RLHF adds that supervised fine-tuning does not
Why use human feedback to train a model? | Here is why human feedback is used to train a model
How is a reward model trained? | Here is how a reward model is trained
Where does the reward in RLHF come from? | Here is where the reward in RLHF comes from
What data trains a reward model? | Here is what data trains a reward model
How can fine-tuning keep the model's old skills? | Here is how fine-tuning can keep the model's old skills
Why use a lower learning rate for fine-tuning? | Here is why a lower learning rate is used for fine-tuning
Should fine-tuning use the same learning rate as pre-training? | Here is whether fine-tuning should use the same learning rate as pre-training
What learning rate is good for fine-tuning? | Here is what learning rate is good for fine-tuning
What does a chat template look like? | Here is what a chat template looks like
How are system, user and assistant turns marked? | Here is how system, user and assistant turns are marked
How does a model tell the user's words from its own? | Here is how a model tells the user's words from its own
When should you use domain adaptation? | Here is when you should use domain adaptation
Why fine-tune on medical or legal text? | Here is why a model is fine-tuned on medical or legal text
Can fine-tuning teach a model new facts? | Here is whether fine-tuning can teach a model new facts
Is fine-tuning a good way to add knowledge? | Here is whether fine-tuning is a good way to add knowledge
Does fine-tuning add knowledge or change behaviour? | Here is whether fine-tuning adds knowledge or changes behaviour
Why would someone choose DPO instead of RLHF? | Here is why someone would choose DPO instead of RLHF
How does DPO simplify preference tuning? | Here is how DPO simplifies preference tuning
What does a higher LoRA rank do? | Here is what a higher LoRA rank does
Which loss function trains a language model? | Here is which loss function trains a language model
How is the loss of a language model computed? | Here is how the loss of a language model is computed
What does a loss of zero mean? | Here is what a loss of zero means
Can the loss reach zero? | Here is whether the loss can reach zero
What would a perfect loss look like? | Here is what a perfect loss would look like
What does a good loss curve look like? | Here is what a good loss curve looks like
What should I look for in a loss curve? | Here is what you should look for in a loss curve
How is perplexity related to loss? | Here is how perplexity is related to loss
What loss does a model get by random guessing? | Here is what loss a model gets by random guessing
What loss should a new model have at step zero? | Here is what loss a new model should have at step zero
Why compare a model's loss with a unigram baseline? | Here is why a model's loss is compared with a unigram baseline
What baseline should a language model beat? | Here is what baseline a language model should beat
Why is evaluating a chat model hard? | Here is why evaluating a chat model is hard
Why is loss not enough to evaluate a chatbot? | Here is why loss is not enough to evaluate a chatbot
Why track both training and validation loss? | Here is why both training and validation loss are tracked
Which loss matters more, training or validation? | Here is which loss matters more, training or validation
Why can benchmark scores be misleading? | Here is why benchmark scores can be misleading
Can you trust leaderboard benchmark results? | Here is whether you can trust leaderboard benchmark results
Why does training diverge with a large learning rate? | Here is why training diverges with a large learning rate
What does a too large learning rate do to the loss? | Here is what a too large learning rate does to the loss
Why is a tiny learning rate a problem? | Here is why a tiny learning rate is a problem
What does a very small learning rate do to training? | Here is what a very small learning rate does to training
Why warm up the learning rate? | Here is why the learning rate is warmed up
Why not start with the full learning rate? | Here is why training does not start with the full learning rate
What problem does warmup solve? | Here is what problem warmup solves
Why lower the learning rate at the end of training? | Here is why the learning rate is lowered at the end of training
Why does the learning rate decay over time? | Here is why the learning rate decays over time
How should I pick the learning rate? | Here is how you should pick the learning rate
Do bigger models need a smaller learning rate? | Here is whether bigger models need a smaller learning rate
How does the learning rate change with model size? | Here is how the learning rate changes with model size
Should large models use the same learning rate as small ones? | Here is whether large models should use the same learning rate as small ones
What does the AdamW optimizer keep in memory? | Here is what the AdamW optimizer keeps in memory
Why does Adam need extra memory? | Here is why Adam needs extra memory
How much memory does the optimizer state take? | Here is how much memory the optimizer state takes
How can you tell that a model is overfitting? | Here is how you can tell that a model is overfitting
Why does a model overfit when the data is small? | Here is why a model overfits when the data is small
Is overfitting worse with little data? | Here is whether overfitting is worse with little data
Overfitting or underfitting: how do they differ? | Here is how overfitting and underfitting differ
Why does dropout help a model generalize? | Here is why dropout helps a model generalize
How does dropout reduce overfitting? | Here is how dropout reduces overfitting
Is dropout used when generating text? | Here is whether dropout is used when generating text
Is dropout turned off at inference time? | Here is whether dropout is turned off at inference time
Does dropout stay on after training? | Here is whether dropout stays on after training
Why is one epoch common for big models? | Here is why one epoch is common for big models
Why not repeat the data many times in pre-training? | Here is why the data is not repeated many times in pre-training
How much compute does training a model take? | Here is how much compute training a model takes
How many operations does training need? | Here is how many operations training needs
Why are GPUs used to train language models? | Here is why GPUs are used to train language models
Why not train large models on a CPU? | Here is why large models are not trained on a CPU
Why does training a large model cost millions of dollars? | Here is why training a large model costs millions of dollars
Where does the money go when training a big model? | Here is where the money goes when training a big model
How does mixed precision save memory? | Here is how mixed precision saves memory
Why train with 16-bit numbers? | Here is why models are trained with 16-bit numbers
Why does a KV cache make generation faster? | Here is why a KV cache makes generation faster
What does the KV cache save during generation? | Here is what the KV cache saves during generation
Why cache keys and values? | Here is why keys and values are cached
How much memory does a model need for training? | Here is how much memory a model needs for training
Why does training need more memory than inference? | Here is why training needs more memory than inference
Do large language models use a lot of energy? | Here is whether large language models use a lot of energy
Why is inference cost important? | Here is why inference cost is important
Is it training or serving that costs more over time? | Here is whether training or serving costs more over time
How does quantization affect a model? | Here is how quantization affects a model
Does quantization make a model worse? | Here is whether quantization makes a model worse
Why quantize a model after training? | Here is why a model is quantized after training
Where does bias in language models come from? | Here is where bias in language models comes from
Why are language models biased? | Here is why language models are biased
How does a model become biased? | Here is how a model becomes biased
How can you measure bias in a model? | Here is how you can measure bias in a model
How can bias in a model be reduced? | Here is how bias in a model can be reduced
Does balancing the training data remove all bias? | Here is whether balancing the training data removes all bias
Is balanced data enough to make a model fair? | Here is whether balanced data is enough to make a model fair
Can data balancing fix bias completely? | Here is whether data balancing can fix bias completely
Why does a model make up facts? | Here is why a model makes up facts
How can hallucinations be reduced? | Here is how hallucinations can be reduced
Why is it a problem if a model works better in English than in other languages? | Here is why it is a problem if a model works better in English than in other languages
Do models serve all languages equally? | Here is whether models serve all languages equally
Why is privacy a concern when training language models? | Here is why privacy is a concern when training language models
How can a language model leak private information? | Here is how a language model can leak private information
How are e-mail addresses and phone numbers handled in training data? | Here is how e-mail addresses and phone numbers are handled in training data
What does PII removal look like? | Here is what PII removal looks like
Can a model forget a person's data after training? | Here is whether a model can forget a person's data after training
Is it possible to make a model unlearn data? | Here is whether it is possible to make a model unlearn data
Should users type secrets into a chatbot? | Here is whether users should type secrets into a chatbot
Is it safe to share passwords with an AI assistant? | Here is whether it is safe to share passwords with an AI assistant
What should I not tell a chatbot? | Here is what you should not tell a chatbot
Why does memorization create privacy risk? | Here is why memorization creates privacy risk
How is memorization linked to privacy? | Here is how memorization is linked to privacy
Why is it bad if a model memorises its training data? | Here is why it is bad if a model memorises its training data
What does deduplication have to do with privacy? | Here is what deduplication has to do with privacy
Does removing duplicates help protect privacy? | Here is whether removing duplicates helps protect privacy
Why does repeated personal data leak more easily? | Here is why repeated personal data leaks more easily
How does changing the temperature change the output? | Here is how changing the temperature changes the output
Should I use a high or a low temperature? | Here is whether you should use a high or a low temperature
Why does greedy decoding repeat itself? | Here is why greedy decoding repeats itself
Why does a small model get stuck in loops? | Here is why a small model gets stuck in loops
How can you stop a model from repeating the same words? | Here is how you can stop a model from repeating the same words
How does a language model generate a whole answer? | Here is how a language model generates a whole answer
How does text generation work step by step? | Here is how text generation works step by step
How does the model write more than one word? | Here is how the model writes more than one word
Top-k or top-p: which should I use? | Here is whether you should use top-k or top-p
Why does the same prompt give different answers? | Here is why the same prompt gives different answers
Why is a chatbot's answer not the same every time? | Here is why a chatbot's answer is not the same every time
How can the output be made deterministic? | Here is how the output can be made deterministic
Why is a token count not the same across models? | Here is why a token count is not the same across models
Do all models split text into the same tokens? | Here is whether all models split text into the same tokens
How are emoji and accented letters tokenized? | Here is how emoji and accented letters are tokenized
Can a tokenizer handle emoji? | Here is whether a tokenizer can handle emoji
How are letters such as é split into tokens? | Here is how letters such as é are split into tokens
Why are language models trained on source code too? | Here is why language models are trained on source code too
What does code in the training data add? | Here is what code in the training data adds
Why include programming code in training data? | Here is why programming code is included in training data
Is filtering the same as cleaning? | Here is whether filtering is the same as cleaning
How does data filtering differ from data cleaning? | Here is how data filtering differs from data cleaning
Why is web text so messy? | Here is why web text is so messy
Why can't raw web text be used directly? | Here is why raw web text cannot be used directly
Why stack many transformer layers? | Here is why many transformer layers are stacked
Is the learning rate a parameter? | Here is whether the learning rate is a parameter
Parameters versus hyperparameters: what is the difference? | Here is the difference between parameters and hyperparameters
How big is a model with seven billion parameters? | Here is how big a model with seven billion parameters is
Why are training examples shuffled? | Here is why training examples are shuffled
Why draw batches at random? | Here is why batches are drawn at random
Instruction tuning or domain adaptation: which does what? | Here is what instruction tuning and domain adaptation each do
How does domain adaptation differ from instruction tuning? | Here is how domain adaptation differs from instruction tuning
Can one base model have many LoRA adapters? | Here is whether one base model can have many LoRA adapters
Can LoRA adapters be swapped? | Here is whether LoRA adapters can be swapped
Why does RLHF need a reference model? | Here is why RLHF needs a reference model
Why add a KL penalty in RLHF? | Here is why a KL penalty is added in RLHF
Why keep a test set apart from the validation set? | Here is why a test set is kept apart from the validation set
If I have a validation set, why do I need a test set? | Here is why you need a test set if you have a validation set
Can you compare perplexity between models with different tokenizers? | Here is whether you can compare perplexity between models with different tokenizers
Is a lower perplexity always a better model? | Here is whether a lower perplexity is always a better model
When is comparing perplexity unfair? | Here is when comparing perplexity is unfair
What does it mean when the loss becomes NaN? | Here is what it means when the loss becomes NaN
Why does my training loss show NaN? | Here is why your training loss shows NaN
Why does the loss curve flatten out? | Here is why the loss curve flattens out
Why does the loss stop going down? | Here is why the loss stops going down
What does a flat loss curve mean? | Here is what a flat loss curve means
Can a model overfit during fine-tuning? | Here is whether a model can overfit during fine-tuning
How many epochs should fine-tuning run? | Here is how many epochs fine-tuning should run
Is overfitting a risk when fine-tuning on a small dataset? | Here is whether overfitting is a risk when fine-tuning on a small dataset
Can you train a language model on a laptop? | Here is whether you can train a language model on a laptop
Is it possible to train a model without a GPU? | Here is whether it is possible to train a model without a GPU
How small must a model be to train on a CPU? | Here is how small a model must be to train on a CPU
Why is text generation limited by memory bandwidth? | Here is why text generation is limited by memory bandwidth
Why is generating one token at a time slow? | Here is why generating one token at a time is slow
Why won't the assistant answer some questions? | Here is why the assistant will not answer some questions
How does a model learn to say no? | Here is how a model learns to say no
Can a company use my chats to train its models? | Here is whether a company can use your chats to train its models
Are my conversations with a chatbot used for training? | Here is whether your conversations with a chatbot are used for training
How can I stop my chats being used for training? | Here is how you can stop your chats being used for training
"""

RESTATED = dict(
    tuple(part.strip() for part in line.split(" | "))
    for line in RESTATED_TEXT.strip().splitlines()
)
