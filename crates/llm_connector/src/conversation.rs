//! A conversation that keeps its history, for follow-up questions.

use crate::connector::LLMConnector;
use crate::error::LlmError;
use crate::types::{Completion, Message, Role};

/// Remembers every question and answer and sends them all with the next
/// question, the way chat applications do.
///
/// ```
/// # let server = llm_test_server::TestServer::start().unwrap();
/// // A local OpenAI-compatible server (notebooks call LLMConnector::new()).
/// let connector = llm_connector::LLMConnector::builder().base_url(server.url()).skip_check().build();
/// let mut chat = connector.conversation().with_system("You are a patient tutor.");
/// chat.ask("What is a token?").unwrap();
/// chat.ask("And a tokenizer?").unwrap();
/// assert_eq!(chat.history().len(), 5); // system + 2 questions + 2 answers
/// ```
#[derive(Clone, Debug)]
pub struct Conversation {
    connector: LLMConnector,
    history: Vec<Message>,
}

impl Conversation {
    /// An empty conversation on `connector`.
    pub fn new(connector: LLMConnector) -> Conversation {
        Conversation {
            connector,
            history: Vec::new(),
        }
    }

    /// Sets the system message that frames the conversation.
    pub fn with_system(mut self, prompt: impl Into<String>) -> Conversation {
        self.history.retain(|m| m.role != Role::System);
        self.history.insert(0, Message::system(prompt));
        self
    }

    /// Asks `question` with the whole history. On success both the question
    /// and the answer join the history; on failure the history is unchanged,
    /// so the cell can simply be run again.
    pub fn ask(&mut self, question: &str) -> Result<Completion, LlmError> {
        self.history.push(Message::user(question));
        let result = self.connector.chat(&self.history);
        self.remember(result)
    }

    /// Async twin of [`Conversation::ask`].
    pub async fn ask_async(&mut self, question: &str) -> Result<Completion, LlmError> {
        self.history.push(Message::user(question));
        let result = self.connector.chat_async(&self.history).await;
        self.remember(result)
    }

    fn remember(&mut self, result: Result<Completion, LlmError>) -> Result<Completion, LlmError> {
        match &result {
            Ok(answer) => self
                .history
                .push(Message::assistant(answer.content.clone())),
            Err(_) => {
                self.history.pop();
            }
        }
        result
    }

    /// Every message so far, oldest first.
    pub fn history(&self) -> &[Message] {
        &self.history
    }

    /// Forgets the questions and answers, keeping the system message.
    pub fn clear(&mut self) {
        self.history.retain(|m| m.role == Role::System);
    }
}
