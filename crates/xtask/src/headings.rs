//! The headings the main notebook must keep from the original.

/// Every `#` and `##` heading of the original notebook, in order, copied from
/// `shared/seed/how_llms_are_trained.txt` (its markdown cells only: the `# ...` lines inside its
/// code cells are Python comments, and the `### Pre-training` inside a model answer is level 3).
/// Embedded because CI's clone must not depend on that file being beside it.
pub const ORIGINAL_HEADINGS: [&str; 9] = [
    "# 📖 Section 2: How Large Language Models Are Trained",
    "## 🏗️ Training Process Overview",
    "## 📚 Pre-training in Detail",
    "## 🎯 Fine-tuning in Detail",
    "## ⚠️ Challenges in Training LLMs",
    "## 📊 Training Data: What Goes Into LLMs?",
    "## 🔧 Training Techniques",
    "## ✅ Summary",
    "## 🎓 Try It Yourself!",
];

/// The notebook that must hold [`ORIGINAL_HEADINGS`].
pub const MAIN_NOTEBOOK: &str = "02_how_llms_are_trained.ipynb";
