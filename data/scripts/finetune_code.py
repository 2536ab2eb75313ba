"""Hand-written parts for data/finetune/code.jsonl: small tasks, each in Python, Rust and JavaScript.

Each task is (description, {language: code}); `{p}` in both is filled from the task's parameters
so one hand-written solution yields a few distinct examples.
"""

TASKS = [
    ("returns the sum of a list of numbers", [None], {
        "Python": "def total(numbers):\n    return sum(numbers)",
        "Rust": "fn total(numbers: &[i64]) -> i64 {\n    numbers.iter().sum()\n}",
        "JavaScript": "function total(numbers) {\n  return numbers.reduce((acc, n) => acc + n, 0);\n}"}),
    ("returns the largest number in a list", [None], {
        "Python": "def largest(numbers):\n    return max(numbers) if numbers else None",
        "Rust": "fn largest(numbers: &[i64]) -> Option<i64> {\n    numbers.iter().copied().max()\n}",
        "JavaScript": "function largest(numbers) {\n  return numbers.length ? Math.max(...numbers) : null;\n}"}),
    ("counts how many numbers in a list are even", [None], {
        "Python": "def count_even(numbers):\n    return sum(1 for n in numbers if n % 2 == 0)",
        "Rust": "fn count_even(numbers: &[i64]) -> usize {\n    numbers.iter().filter(|n| *n % 2 == 0).count()\n}",
        "JavaScript": "function countEven(numbers) {\n  return numbers.filter((n) => n % 2 === 0).length;\n}"}),
    ("keeps only the numbers greater than {p}", [0, 10, 100], {
        "Python": "def greater_than_{p}(numbers):\n    return [n for n in numbers if n > {p}]",
        "Rust": "fn greater_than_{p}(numbers: &[i64]) -> Vec<i64> {\n    numbers.iter().copied().filter(|&n| n > {p}).collect()\n}",
        "JavaScript": "function greaterThan{p}(numbers) {\n  return numbers.filter((n) => n > {p});\n}"}),
    ("multiplies every number in a list by {p}", [2, 3, 10], {
        "Python": "def times_{p}(numbers):\n    return [n * {p} for n in numbers]",
        "Rust": "fn times_{p}(numbers: &[i64]) -> Vec<i64> {\n    numbers.iter().map(|n| n * {p}).collect()\n}",
        "JavaScript": "function times{p}(numbers) {\n  return numbers.map((n) => n * {p});\n}"}),
    ("reverses a string", [None], {
        "Python": "def reverse(text):\n    return text[::-1]",
        "Rust": "fn reverse(text: &str) -> String {\n    text.chars().rev().collect()\n}",
        "JavaScript": "function reverse(text) {\n  return [...text].reverse().join(\"\");\n}"}),
    ("checks whether a word is a palindrome", [None], {
        "Python": "def is_palindrome(word):\n    w = word.lower()\n    return w == w[::-1]",
        "Rust": "fn is_palindrome(word: &str) -> bool {\n    let w: Vec<char> = word.to_lowercase().chars().collect();\n    w.iter().eq(w.iter().rev())\n}",
        "JavaScript": "function isPalindrome(word) {\n  const w = word.toLowerCase();\n  return w === [...w].reverse().join(\"\");\n}"}),
    ("counts the vowels in a string", [None], {
        "Python": "def count_vowels(text):\n    return sum(1 for c in text.lower() if c in \"aeiou\")",
        "Rust": "fn count_vowels(text: &str) -> usize {\n    text.chars().filter(|c| \"aeiouAEIOU\".contains(*c)).count()\n}",
        "JavaScript": "function countVowels(text) {\n  return (text.match(/[aeiou]/gi) || []).length;\n}"}),
    ("computes the factorial of n", [None], {
        "Python": "def factorial(n):\n    result = 1\n    for i in range(2, n + 1):\n        result *= i\n    return result",
        "Rust": "fn factorial(n: u64) -> u64 {\n    (1..=n).product()\n}",
        "JavaScript": "function factorial(n) {\n  let result = 1;\n  for (let i = 2; i <= n; i++) result *= i;\n  return result;\n}"}),
    ("returns the n-th Fibonacci number", [None], {
        "Python": "def fibonacci(n):\n    a, b = 0, 1\n    for _ in range(n):\n        a, b = b, a + b\n    return a",
        "Rust": "fn fibonacci(n: u32) -> u64 {\n    let (mut a, mut b) = (0u64, 1u64);\n    for _ in 0..n {\n        (a, b) = (b, a + b);\n    }\n    a\n}",
        "JavaScript": "function fibonacci(n) {\n  let [a, b] = [0, 1];\n  for (let i = 0; i < n; i++) [a, b] = [b, a + b];\n  return a;\n}"}),
    ("checks whether a number is prime", [None], {
        "Python": "def is_prime(n):\n    if n < 2:\n        return False\n    i = 2\n    while i * i <= n:\n        if n % i == 0:\n            return False\n        i += 1\n    return True",
        "Rust": "fn is_prime(n: u64) -> bool {\n    if n < 2 {\n        return false;\n    }\n    (2..).take_while(|i| i * i <= n).all(|i| n % i != 0)\n}",
        "JavaScript": "function isPrime(n) {\n  if (n < 2) return false;\n  for (let i = 2; i * i <= n; i++) if (n % i === 0) return false;\n  return true;\n}"}),
    ("converts a temperature from Celsius to Fahrenheit", [None], {
        "Python": "def to_fahrenheit(celsius):\n    return celsius * 9 / 5 + 32",
        "Rust": "fn to_fahrenheit(celsius: f64) -> f64 {\n    celsius * 9.0 / 5.0 + 32.0\n}",
        "JavaScript": "function toFahrenheit(celsius) {\n  return (celsius * 9) / 5 + 32;\n}"}),
    ("checks whether a year is a leap year", [None], {
        "Python": "def is_leap_year(year):\n    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)",
        "Rust": "fn is_leap_year(year: u32) -> bool {\n    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)\n}",
        "JavaScript": "function isLeapYear(year) {\n  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);\n}"}),
    ("counts the words in a sentence", [None], {
        "Python": "def word_count(sentence):\n    return len(sentence.split())",
        "Rust": "fn word_count(sentence: &str) -> usize {\n    sentence.split_whitespace().count()\n}",
        "JavaScript": "function wordCount(sentence) {\n  return sentence.split(/\\s+/).filter(Boolean).length;\n}"}),
    ("removes duplicate items from a list while keeping their order", [None], {
        "Python": "def unique(items):\n    seen = set()\n    return [x for x in items if not (x in seen or seen.add(x))]",
        "Rust": "use std::collections::HashSet;\n\nfn unique(items: &[i64]) -> Vec<i64> {\n    let mut seen = HashSet::new();\n    items.iter().copied().filter(|x| seen.insert(*x)).collect()\n}",
        "JavaScript": "function unique(items) {\n  return [...new Set(items)];\n}"}),
    ("computes the average of a list of numbers", [None], {
        "Python": "def average(numbers):\n    return sum(numbers) / len(numbers) if numbers else 0.0",
        "Rust": "fn average(numbers: &[f64]) -> f64 {\n    if numbers.is_empty() {\n        return 0.0;\n    }\n    numbers.iter().sum::<f64>() / numbers.len() as f64\n}",
        "JavaScript": "function average(numbers) {\n  if (numbers.length === 0) return 0;\n  return numbers.reduce((a, b) => a + b, 0) / numbers.length;\n}"}),
    ("repeats a string {p} times", [2, 3, 5], {
        "Python": "def repeat_{p}(text):\n    return text * {p}",
        "Rust": "fn repeat_{p}(text: &str) -> String {\n    text.repeat({p})\n}",
        "JavaScript": "function repeat{p}(text) {\n  return text.repeat({p});\n}"}),
    ("returns the words longer than {p} letters", [3, 5, 7], {
        "Python": "def long_words(sentence):\n    return [w for w in sentence.split() if len(w) > {p}]",
        "Rust": "fn long_words(sentence: &str) -> Vec<&str> {\n    sentence.split_whitespace().filter(|w| w.chars().count() > {p}).collect()\n}",
        "JavaScript": "function longWords(sentence) {\n  return sentence.split(/\\s+/).filter((w) => w.length > {p});\n}"}),
    ("prints FizzBuzz for the numbers 1 to {p}", [15, 30, 100], {
        "Python": "for i in range(1, {p} + 1):\n    if i % 15 == 0:\n        print(\"FizzBuzz\")\n    elif i % 3 == 0:\n        print(\"Fizz\")\n    elif i % 5 == 0:\n        print(\"Buzz\")\n    else:\n        print(i)",
        "Rust": "fn main() {\n    for i in 1..={p} {\n        match (i % 3, i % 5) {\n            (0, 0) => println!(\"FizzBuzz\"),\n            (0, _) => println!(\"Fizz\"),\n            (_, 0) => println!(\"Buzz\"),\n            _ => println!(\"{}\", i),\n        }\n    }\n}",
        "JavaScript": "for (let i = 1; i <= {p}; i++) {\n  if (i % 15 === 0) console.log(\"FizzBuzz\");\n  else if (i % 3 === 0) console.log(\"Fizz\");\n  else if (i % 5 === 0) console.log(\"Buzz\");\n  else console.log(i);\n}"}),
    ("computes the greatest common divisor of two numbers", [None], {
        "Python": "def gcd(a, b):\n    while b:\n        a, b = b, a % b\n    return a",
        "Rust": "fn gcd(mut a: u64, mut b: u64) -> u64 {\n    while b != 0 {\n        (a, b) = (b, a % b);\n    }\n    a\n}",
        "JavaScript": "function gcd(a, b) {\n  while (b !== 0) [a, b] = [b, a % b];\n  return a;\n}"}),
    ("returns the squares of the numbers in a list", [None], {
        "Python": "def squares(numbers):\n    return [n * n for n in numbers]",
        "Rust": "fn squares(numbers: &[i64]) -> Vec<i64> {\n    numbers.iter().map(|n| n * n).collect()\n}",
        "JavaScript": "function squares(numbers) {\n  return numbers.map((n) => n * n);\n}"}),
    ("finds the position of an item in a list, or reports that it is missing", [None], {
        "Python": "def find_index(items, target):\n    for i, item in enumerate(items):\n        if item == target:\n            return i\n    return -1",
        "Rust": "fn find_index(items: &[i64], target: i64) -> Option<usize> {\n    items.iter().position(|&x| x == target)\n}",
        "JavaScript": "function findIndex(items, target) {\n  return items.indexOf(target);\n}"}),
    ("clamps a number to the range {p}", ["0 to 100", "1 to 10", "-1 to 1"], {
        "Python": "def clamp(x, low={lo}, high={hi}):\n    return max(low, min(high, x))",
        "Rust": "fn clamp(x: i64) -> i64 {\n    x.clamp({lo}, {hi})\n}",
        "JavaScript": "function clamp(x, low = {lo}, high = {hi}) {\n  return Math.max(low, Math.min(high, x));\n}"}),
    ("counts the lines in a text file", [None], {
        "Python": "def count_lines(path):\n    with open(path, encoding=\"utf-8\") as f:\n        return sum(1 for _ in f)",
        "Rust": "use std::fs;\nuse std::io;\n\nfn count_lines(path: &str) -> io::Result<usize> {\n    Ok(fs::read_to_string(path)?.lines().count())\n}",
        "JavaScript": "const fs = require(\"fs\");\n\nfunction countLines(path) {\n  return fs.readFileSync(path, \"utf8\").split(\"\\n\").length;\n}"}),
    ("adds up the digits of a non-negative integer", [None], {
        "Python": "def digit_sum(n):\n    return sum(int(d) for d in str(n))",
        "Rust": "fn digit_sum(mut n: u64) -> u64 {\n    let mut sum = 0;\n    while n > 0 {\n        sum += n % 10;\n        n /= 10;\n    }\n    sum\n}",
        "JavaScript": "function digitSum(n) {\n  return String(n).split(\"\").reduce((s, d) => s + Number(d), 0);\n}"}),
    ("flattens a list of lists into one list", [None], {
        "Python": "def flatten(lists):\n    return [x for inner in lists for x in inner]",
        "Rust": "fn flatten(lists: Vec<Vec<i64>>) -> Vec<i64> {\n    lists.into_iter().flatten().collect()\n}",
        "JavaScript": "function flatten(lists) {\n  return lists.flat();\n}"}),
    ("counts how often each word appears in a text", [None], {
        "Python": "from collections import Counter\n\ndef word_frequencies(text):\n    return Counter(text.lower().split())",
        "Rust": "use std::collections::HashMap;\n\nfn word_frequencies(text: &str) -> HashMap<String, usize> {\n    let mut counts = HashMap::new();\n    for word in text.split_whitespace() {\n        *counts.entry(word.to_lowercase()).or_insert(0) += 1;\n    }\n    counts\n}",
        "JavaScript": "function wordFrequencies(text) {\n  const counts = {};\n  for (const w of text.toLowerCase().split(/\\s+/).filter(Boolean)) {\n    counts[w] = (counts[w] || 0) + 1;\n  }\n  return counts;\n}"}),
    ("defines a 2D point type with a method for the distance to another point", [None], {
        "Python": "import math\n\nclass Point:\n    def __init__(self, x, y):\n        self.x = x\n        self.y = y\n\n    def distance(self, other):\n        return math.hypot(self.x - other.x, self.y - other.y)",
        "Rust": "struct Point {\n    x: f64,\n    y: f64,\n}\n\nimpl Point {\n    fn distance(&self, other: &Point) -> f64 {\n        (self.x - other.x).hypot(self.y - other.y)\n    }\n}",
        "JavaScript": "class Point {\n  constructor(x, y) {\n    this.x = x;\n    this.y = y;\n  }\n  distance(other) {\n    return Math.hypot(this.x - other.x, this.y - other.y);\n  }\n}"}),
    ("sorts a list of strings by length, shortest first", [None], {
        "Python": "def sort_by_length(words):\n    return sorted(words, key=len)",
        "Rust": "fn sort_by_length(words: &mut Vec<String>) {\n    words.sort_by_key(|w| w.chars().count());\n}",
        "JavaScript": "function sortByLength(words) {\n  return [...words].sort((a, b) => a.length - b.length);\n}"}),
    ("checks whether a number is a power of two", [None], {
        "Python": "def is_power_of_two(n):\n    return n > 0 and n & (n - 1) == 0",
        "Rust": "fn is_power_of_two(n: u64) -> bool {\n    n.is_power_of_two()\n}",
        "JavaScript": "function isPowerOfTwo(n) {\n  return n > 0 && (n & (n - 1)) === 0;\n}"}),
    ("adds up the whole numbers from 1 to n", [None], {
        "Python": "def sum_to(n):\n    return n * (n + 1) // 2",
        "Rust": "fn sum_to(n: u64) -> u64 {\n    n * (n + 1) / 2\n}",
        "JavaScript": "function sumTo(n) {\n  return (n * (n + 1)) / 2;\n}"}),
    ("performs binary search on a sorted list", [None], {
        "Python": "def binary_search(items, target):\n    lo, hi = 0, len(items) - 1\n    while lo <= hi:\n        mid = (lo + hi) // 2\n        if items[mid] == target:\n            return mid\n        if items[mid] < target:\n            lo = mid + 1\n        else:\n            hi = mid - 1\n    return -1",
        "Rust": "fn binary_search(items: &[i64], target: i64) -> Option<usize> {\n    items.binary_search(&target).ok()\n}",
        "JavaScript": "function binarySearch(items, target) {\n  let lo = 0, hi = items.length - 1;\n  while (lo <= hi) {\n    const mid = (lo + hi) >> 1;\n    if (items[mid] === target) return mid;\n    if (items[mid] < target) lo = mid + 1;\n    else hi = mid - 1;\n  }\n  return -1;\n}"}),
    ("converts a snake_case name to camelCase", [None], {
        "Python": "def to_camel_case(name):\n    first, *rest = name.split(\"_\")\n    return first + \"\".join(w.capitalize() for w in rest)",
        "Rust": "fn to_camel_case(name: &str) -> String {\n    let mut out = String::new();\n    for (i, part) in name.split('_').enumerate() {\n        let mut chars = part.chars();\n        match chars.next() {\n            Some(c) if i > 0 => out.extend(c.to_uppercase().chain(chars)),\n            Some(c) => out.extend(std::iter::once(c).chain(chars)),\n            None => {}\n        }\n    }\n    out\n}",
        "JavaScript": "function toCamelCase(name) {\n  return name.replace(/_([a-z])/g, (_, c) => c.toUpperCase());\n}"}),
    ("capitalizes the first letter of every word", [None], {
        "Python": "def title_case(text):\n    return \" \".join(w[:1].upper() + w[1:] for w in text.split())",
        "Rust": "fn title_case(text: &str) -> String {\n    text.split_whitespace()\n        .map(|w| {\n            let mut c = w.chars();\n            c.next().map_or(String::new(), |f| f.to_uppercase().chain(c).collect())\n        })\n        .collect::<Vec<_>>()\n        .join(\" \")\n}",
        "JavaScript": "function titleCase(text) {\n  return text.split(/\\s+/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(\" \");\n}"}),
    ("checks whether two words are anagrams", [None], {
        "Python": "def are_anagrams(a, b):\n    return sorted(a.lower()) == sorted(b.lower())",
        "Rust": "fn are_anagrams(a: &str, b: &str) -> bool {\n    let mut x: Vec<char> = a.to_lowercase().chars().collect();\n    let mut y: Vec<char> = b.to_lowercase().chars().collect();\n    x.sort_unstable();\n    y.sort_unstable();\n    x == y\n}",
        "JavaScript": "function areAnagrams(a, b) {\n  const norm = (s) => [...s.toLowerCase()].sort().join(\"\");\n  return norm(a) === norm(b);\n}"}),
    ("returns the n smallest numbers of a list, with n = {p}", [1, 3, 5], {
        "Python": "def smallest_{p}(numbers):\n    return sorted(numbers)[:{p}]",
        "Rust": "fn smallest_{p}(numbers: &[i64]) -> Vec<i64> {\n    let mut sorted = numbers.to_vec();\n    sorted.sort_unstable();\n    sorted.truncate({p});\n    sorted\n}",
        "JavaScript": "function smallest{p}(numbers) {\n  return [...numbers].sort((a, b) => a - b).slice(0, {p});\n}"}),
    ("splits a list into chunks of {p} items", [2, 3, 4], {
        "Python": "def chunks_of_{p}(items):\n    return [items[i:i + {p}] for i in range(0, len(items), {p})]",
        "Rust": "fn chunks_of_{p}(items: &[i64]) -> Vec<Vec<i64>> {\n    items.chunks({p}).map(|c| c.to_vec()).collect()\n}",
        "JavaScript": "function chunksOf{p}(items) {\n  const out = [];\n  for (let i = 0; i < items.length; i += {p}) out.push(items.slice(i, i + {p}));\n  return out;\n}"}),
    ("counts the occurrences of the letter '{p}' in a string", ["a", "e", "s"], {
        "Python": "def count_{p}(text):\n    return text.lower().count(\"{p}\")",
        "Rust": "fn count_{p}(text: &str) -> usize {\n    text.chars().filter(|c| c.eq_ignore_ascii_case(&'{p}')).count()\n}",
        "JavaScript": "function count_{p}(text) {\n  return [...text.toLowerCase()].filter((c) => c === \"{p}\").length;\n}"}),
    ("checks whether a string contains only digits", [None], {
        "Python": "def is_all_digits(text):\n    return text.isdigit()",
        "Rust": "fn is_all_digits(text: &str) -> bool {\n    !text.is_empty() && text.chars().all(|c| c.is_ascii_digit())\n}",
        "JavaScript": "function isAllDigits(text) {\n  return /^[0-9]+$/.test(text);\n}"}),
    ("converts a number of minutes into hours and minutes", [None], {
        "Python": "def hours_and_minutes(total):\n    return divmod(total, 60)",
        "Rust": "fn hours_and_minutes(total: u32) -> (u32, u32) {\n    (total / 60, total % 60)\n}",
        "JavaScript": "function hoursAndMinutes(total) {\n  return [Math.floor(total / 60), total % 60];\n}"}),
    ("merges two sorted lists into one sorted list", [None], {
        "Python": "def merge(a, b):\n    out, i, j = [], 0, 0\n    while i < len(a) and j < len(b):\n        if a[i] <= b[j]:\n            out.append(a[i]); i += 1\n        else:\n            out.append(b[j]); j += 1\n    return out + a[i:] + b[j:]",
        "Rust": "fn merge(a: &[i64], b: &[i64]) -> Vec<i64> {\n    let (mut i, mut j) = (0, 0);\n    let mut out = Vec::with_capacity(a.len() + b.len());\n    while i < a.len() && j < b.len() {\n        if a[i] <= b[j] {\n            out.push(a[i]);\n            i += 1;\n        } else {\n            out.push(b[j]);\n            j += 1;\n        }\n    }\n    out.extend_from_slice(&a[i..]);\n    out.extend_from_slice(&b[j..]);\n    out\n}",
        "JavaScript": "function merge(a, b) {\n  const out = [];\n  let i = 0, j = 0;\n  while (i < a.length && j < b.length) out.push(a[i] <= b[j] ? a[i++] : b[j++]);\n  return out.concat(a.slice(i), b.slice(j));\n}"}),
]

PROMPTS = [
    "Write a {lang} function that {task}.",
    "In {lang}, write code that {task}.",
    "Show me {lang} code that {task}.",
    "Can you write a {lang} function that {task}?",
    "I need {lang} code that {task}.",
]

EXPLAIN = {
    "Python": ["Python's built-ins keep this short.", "This is plain Python with no imports beyond the standard library.", "The function returns a new value and leaves its input unchanged."],
    "Rust": ["Iterators keep this short and avoid manual indexing.", "The function borrows its input, so the caller keeps ownership.", "This compiles with the standard library only."],
    "JavaScript": ["This works in Node.js and in the browser.", "Array methods keep the code short.", "The input is not modified."],
}
