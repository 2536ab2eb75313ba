"""The Python peer of `llm_connector`: a rendition of the original notebook's helper.

The original course loaded a helper notebook with `%run ./utils_llm_connector.ipynb`; it
defined `LLMConnector`, whose constructor printed a configuration check and whose
`get_completion(prompt)` returned the first choice's message (an object with `.content`).
The helper itself was not part of the exported seed, so this file rebuilds it from what
the notebook shows: the same printed check, the same call, the openai SDK underneath,
`.env` loaded with python-dotenv. The benchmarks run the Python notebook with this file
so that the Rust port is compared against what a student would otherwise run.

Like the original, it does not contact the server before printing "Connected": the
openai client is created lazily and the first request is the first network traffic.
"""

import os

from dotenv import load_dotenv
from openai import AzureOpenAI, OpenAI

DEFAULT_MODEL = "gpt-4o"


class LLMConnector:
    """Reads the configuration, prints the check, and asks the model."""

    def __init__(self, model=None):
        load_dotenv()
        self.azure = bool(os.getenv("AZURE_OPENAI_API_KEY") and os.getenv("AZURE_OPENAI_ENDPOINT"))
        print("🔑 LLM Configuration Check:")
        if self.azure:
            print("✅ Azure OpenAI Details: FOUND")
            self.model = model or os.getenv("AZURE_OPENAI_DEPLOYMENT", DEFAULT_MODEL)
            self.client = AzureOpenAI(
                api_key=os.getenv("AZURE_OPENAI_API_KEY"),
                azure_endpoint=os.getenv("AZURE_OPENAI_ENDPOINT"),
                api_version=os.getenv("OPENAI_API_VERSION", "2024-06-01"),
            )
            print(f"✅ Connected to Azure OpenAI (deployment: {self.model})")
        elif os.getenv("OPENAI_API_KEY"):
            print("✅ OpenAI API Details: FOUND")
            self.model = model or os.getenv("OPENAI_MODEL", DEFAULT_MODEL)
            # OPENAI_BASE_URL, when set, is read by the SDK itself.
            self.client = OpenAI()
            print(f"✅ Connected to OpenAI (model: {self.model})")
        else:
            print("❌ OpenAI API Details: NOT FOUND")
            print("   Set OPENAI_API_KEY in a .env file next to the notebook.")
            self.model = model or DEFAULT_MODEL
            self.client = None

    def get_completion(self, prompt, temperature=0.7, max_tokens=None):
        """Asks the model one question; returns the message (`.content` holds the text)."""
        if self.client is None:
            raise RuntimeError("No LLM configured: set OPENAI_API_KEY in .env")
        kwargs = {}
        if max_tokens is not None:
            kwargs["max_tokens"] = max_tokens
        response = self.client.chat.completions.create(
            model=self.model,
            messages=[{"role": "user", "content": prompt}],
            temperature=temperature,
            **kwargs,
        )
        return response.choices[0].message
