"""Write data/planted/*.txt: text with known problems for the data pipeline to catch.

Every planted problem is constructed here, so the counts printed at the end (and written in
data/README.md) follow from this file, not from running the Rust pipeline.
Run from the repository root:  python3 data/scripts/make_planted.py
"""

import random
import re
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "planted"
SEED = 7

# Twenty clean paragraphs in the style of a local news / community web site (all fictional).
BASE = [
    "The new bakery on Mill Street opened its doors on Saturday morning, and by nine o'clock the queue stretched past the hardware store. The owners, who trained in a small village near Lyon, bake everything on site before dawn. Their sourdough loaves sold out first, followed closely by the cinnamon buns. They plan to add a few tables by the window in the spring so that customers can stay for coffee.",
    "The river trail between the old mill and the railway bridge has reopened after three months of repairs. Volunteers replaced rotten boardwalk planks, cleared fallen willows, and added two benches facing the water. The path is now wide enough for wheelchairs and pushchairs along most of its length. Walkers are asked to keep dogs on a lead near the heron nesting area during the breeding season.",
    "Our book club spent the whole evening arguing about the ending of the novel, which is always a good sign. Half the group felt the final chapter tied everything up too neatly, while the others loved how quietly the two sisters made peace. Next month we are reading a short history of lighthouses, chosen by our newest member, who grew up on a rocky stretch of the northern coast.",
    "Lentil soup is one of the cheapest and most filling meals you can make in winter. Soften an onion, a carrot and a stick of celery in a little oil, add a cup of red lentils and a litre of stock, then simmer for about twenty minutes. A squeeze of lemon and a pinch of cumin at the end lift the flavour. It keeps well in the fridge for several days and tastes even better reheated.",
    "If your bicycle chain keeps slipping when you climb a hill, the cause is often a worn chain rather than the gears themselves. A chain stretches slowly as its pins and rollers wear, and a stretched chain no longer sits neatly on the teeth. A cheap measuring tool will tell you whether it needs replacing. Changing the chain early also saves the more expensive cassette from wearing out too.",
    "The town museum has opened a small exhibition about the canal that once carried coal and timber through the valley. Visitors can see the original lock keeper's ledger, a model of a horse-drawn barge, and photographs of the families who lived and worked on the boats. The exhibition runs until the end of August, and entry is free for children under twelve.",
    "Gardeners in the allotments say it has been \"the best year for tomatoes in a decade.\" The long, dry summer suited them well, although the runner beans struggled without regular rain. Several plot holders have started collecting rainwater from the shed roofs in large barrels, and the committee is looking into a shared tank for next year.",
    "The primary school's autumn fair raised enough money to replace the old climbing frame in the playground. Parents ran a cake stall, a second-hand book table and a \"guess the weight of the pumpkin\" competition. The headteacher thanked everyone who baked, sorted or simply came along, and said the new frame should be installed before the winter holidays.",
    "Astronomy night at the sports field drew more than two hundred people despite a chilly wind. Members of the local astronomy society set up telescopes pointing at Jupiter and its four bright moons, and later at the Andromeda galaxy, a faint smudge that many visitors said they would never have found on their own. The society meets on the first Tuesday of every month in the library and welcomes beginners of any age.",
    "Recycling collections will change from next month, when paper and cardboard will be collected every two weeks instead of every week. Glass bottles and jars should still go in the green box, but the council asks residents to rinse them and remove the lids first. Plastic bags and food wrappers cannot be recycled at the kerbside and should be taken back to supermarkets that accept them.",
    "The chess club at the community centre has grown from four players to almost thirty in a single year. On Thursday evenings the tables fill with retired teachers, teenagers, and a surprising number of parents who learned alongside their children. The club runs a friendly ladder tournament, and newcomers are paired with experienced players who explain the openings and endgames patiently.",
    "The stone bridge at the bottom of the high street was built in 1794 to replace a wooden crossing that had been swept away in a flood. Its three arches were designed so that debris carried by the river would pass through without blocking the flow. During restoration work last year, engineers found the initials of several of the original masons carved into the underside of the central arch.",
    "A pottery class for beginners starts at the arts centre in October. Over eight weekly sessions, students will learn to centre clay on the wheel, throw simple bowls and cups, and glaze their work for firing in the centre's kiln. All materials are included, aprons are provided, and no previous experience is needed, only a willingness to get your hands muddy.",
    "Volunteers collected more than forty bags of litter during the annual river clean-up on Sunday. Among the more unusual finds were a shopping trolley, a child's scooter and a message in a bottle that turned out to have been written by a local schoolgirl fifteen years ago. The organisers hope to return the letter to its author, who has since moved to another town.",
    "The farmers market returns to the square on the second Saturday of each month. Stallholders sell seasonal vegetables, local cheese, honey, cut flowers and freshly pressed apple juice. Shoppers are encouraged to bring their own bags and containers, and several traders now offer a small discount to anyone who refills a jar rather than buying a new one.",
    "The new dog park behind the leisure centre has separate areas for large and small dogs, a water fountain at the right height for thirsty animals, and a double gate to stop escapes. Owners have already formed an informal group that meets early on weekday mornings, and the council says it will add more shade trees along the fence next year.",
    "The evening train to the city will leave ten minutes earlier from the first of next month, because of engineering work further down the line. The railway company says the change should last about six weeks. Passengers who travel with bicycles are reminded that space is limited on peak services and that booking a bike place in advance is strongly advised.",
    "Last winter was the wettest the valley has recorded in more than forty years, according to figures kept by the volunteer weather station on the hill. The station has measured rainfall, temperature and wind speed every day since 1978, and its records are now used by students at the college to study how the local climate has changed.",
    "A review of the new public library: the building is bright and airy, the children's corner is full of cushions and picture books, and the quiet study room on the upper floor has become popular with students revising for exams. The only complaint we heard was that the bicycle racks by the entrance fill up quickly on Saturday mornings.",
    "The community orchard planted twelve heritage apple trees this spring, each one a variety that was once common in the county but is now rarely grown. Children from the primary school helped dig the holes and wrote labels for every tree. In three or four years the orchard should produce enough fruit for a small harvest festival in the autumn.",
]

# Paragraphs with personal data: (text); emails and phone numbers counted below.
PII = [
    "For questions about allotment plots, email the secretary, Maria Lopez, at maria.lopez@example.org or call her on (555) 201-7788 on weekday evenings. Applications for next season close at the end of January, and the waiting list is currently about six months long.",
    "The lost cat found near the station has been reunited with its owner, Tom Baker, who can be reached at tom.baker42@mail.example.com if anyone has his spare keys as well. He asked us to thank the neighbour who phoned 555-319-4420 to report the sighting.",
    "Tickets for the choir's spring concert are available from the box office on 555.867.5309 or by writing to tickets+choir@arts-centre.example.net with your name and the number of seats you need. Doors open at seven and the concert starts at half past.",
    "If you would like to join the river clean-up team, contact the organiser, Priya Shah, on +1 555 246 8100 or at P.Shah@Volunteers.Example.co.uk and she will add you to the mailing list for the next event.",
    "Our correspondent in London, James Whitfield, can be reached on +44 20 7946 0958 for comments on the exhibition review. Readers abroad sometimes write to him at j.whitfield@news.example.com instead.",
    "The plumber who fixed the school's heating, Dave Morgan, has offered a discount to families with children at the school. Call him directly on 5554417392 or send a message to dave_morgan_plumbing@example.net, and mention the school fair.",
    "Anyone who found a blue rucksack on the number twelve bus on Tuesday should call Ana Ruiz at +1-555-730-2291. It contains her late grandfather's notebooks, which are of no value to anyone else.",
    "The chess club's new treasurer, Li Wei, collects membership fees at the start of each term. Please send any questions to li.wei.chess@example.org rather than to the community centre's general address.",
]

BOILERPLATE = [
    "Click here to subscribe to our newsletter and never miss an update!",
    "We use cookies to improve your experience on our site. By continuing to browse, you agree to our use of cookies. Accept all cookies",
    "Home | News | Sport | Weather | Events | Contact Us",
    "Copyright 2024 Valley Gazette. All rights reserved.",
    "Share this article: Facebook Twitter WhatsApp Email",
    "Skip to main content",
    "Sign up for our newsletter to get the latest local stories delivered to your inbox every morning.",
    "Privacy Policy | Terms of Use | Cookie Settings | Accessibility",
    "Read more: Top 10 things to do this weekend",
    "Advertisement - continue reading below",
]

LOW_QUALITY = {
    "too short": ["Great post!", "ok", "First!!", "thanks for sharing"],
    "symbol soup": [
        "$$$ ### !!! *** %%% @@@ ^^^ &&& ~~~ +++ === <<< >>>",
        ">>>>>>> ======== <<<<<<< ::::::: ;;;;;;; ///////",
        "@#$% ^&*( )_+{ }|:\" <>?~ `-=[ ]\\;' ,./ !@#$",
        "*~*~*~*~* <3 <3 <3 *~*~*~*~* xoxo ~*~*~*~*~",
    ],
    "repetitive": [
        "buy buy buy buy buy cheap cheap cheap cheap watches watches watches now now now",
        "best best best deal deal deal ever ever ever click click click",
        "free money free money free money free money free money free money",
        "lol lol lol lol lol lol lol lol lol lol lol lol",
    ],
}

# Near duplicates: (index into BASE, [(old word, new word), ...]); a few words changed.
NEAR = [
    (8, [("two hundred", "three hundred"), ("chilly", "cold")]),
    (9, [("next month", "next week"), ("rinse", "wash")]),
    (10, [("thirty", "forty"), ("patiently", "kindly")]),
    (11, [("1794", "1796"), ("several", "some")]),
    (12, [("October", "November"), ("eight", "ten")]),
    (13, [("forty", "fifty"), ("Sunday", "Saturday")]),
]

CURLY = {"'": "\u2019", '"': "\u201c"}


def curly_quotes(text):
    """Turn straight quotes into typographic ones: opening and closing double quotes alternate."""
    out, opening = [], True
    for ch in text:
        if ch == '"':
            out.append("\u201c" if opening else "\u201d")
            opening = not opening
        elif ch == "'":
            out.append("\u2019")
        else:
            out.append(ch)
    return "".join(out)


def words(text):
    """The same word split the Rust near-duplicate step uses: whitespace, then trim non-alphanumerics."""
    out = []
    for w in text.lower().split():
        w = re.sub(r"^[^0-9a-z]+|[^0-9a-z]+$", "", w)
        if w:
            out.append(w)
    return out


def shingles(text, k=3):
    w = words(text)
    return {tuple(w[i:i + k]) for i in range(max(1, len(w) - k + 1))}


def jaccard(a, b):
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / len(sa | sb)


def main():
    docs = []  # (kind, text)
    stats = {"curly quotes": 0, "dashes": 0, "odd spaces": 0, "invisible": 0, "control": 0}

    base = list(BASE)
    # Cleaning problems injected into five otherwise clean paragraphs.
    base[14] = curly_quotes(base[14].replace("farmers market", "\"farmers market\"").replace("anyone who", "anyone who's"))
    base[15] = base[15].replace(", a water fountain", " \u2014 a water fountain").replace("double gate to", "double gate \u2013 to")
    base[16] = base[16].replace("ten minutes", "ten\u00a0minutes").replace("six weeks", "six\u200b weeks")
    base[17] = base[17].replace("forty years", "forty\x07 years").replace("since 1978", "since\x1b 1978").replace("college", "college\x08")
    base[18] = base[18].replace(": the building", ":\t\tthe building").replace("The only", "The   only")
    for i in (14, 15, 16, 17, 18):
        docs.append(("clean, needs cleaning", base[i]))
    for i in range(20):
        if i not in (14, 15, 16, 17, 18):
            docs.append(("clean", base[i]))
    for text in PII:
        docs.append(("pii", text))
    # Exact duplicates: five byte-identical, three identical once whitespace, quotes and case are normalised.
    for i in range(5):
        docs.append(("exact duplicate", base[i]))
    docs.append(("exact duplicate (whitespace)", base[5].replace(" ", "  ", 6) + "  "))
    docs.append(("exact duplicate (quotes)", curly_quotes(base[6])))
    docs.append(("exact duplicate (case)", base[7].upper()))
    for idx, changes in NEAR:
        text = base[idx]
        for old, new in changes:
            assert old in text, (idx, old)
            text = text.replace(old, new, 1)
        j = jaccard(base[idx], text)
        assert 0.7 < j < 1.0, (idx, j)
        docs.append((f"near duplicate (jaccard {j:.2f})", text))
    for text in BOILERPLATE:
        docs.append(("boilerplate", text))
    for kind, texts in LOW_QUALITY.items():
        for text in texts:
            docs.append((kind, text))

    # Shuffle like a real scrape, but put every duplicate somewhere after its original so the
    # pipeline keeps the original and reports the copy.
    rng = random.Random(SEED)
    dups = [(k, t) for k, t in docs if k.startswith(("exact", "near"))]
    docs = [(k, t) for k, t in docs if not k.startswith(("exact", "near"))]
    rng.shuffle(docs)
    for n, (kind, text) in enumerate(dups):
        source = base[n if n < 8 else NEAR[n - 8][0]]
        after = next(i for i, (_, t) in enumerate(docs) if t == source)
        docs.insert(rng.randint(after + 1, len(docs)), (kind, text))

    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "web_scrape.txt").write_text("\n\n".join(t for _, t in docs) + "\n", encoding="utf-8")

    emails = sum(len(re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", t)) for t in PII)
    kinds = {}
    for k, _ in docs:
        key = k.split(" (")[0]
        kinds[key] = kinds.get(key, 0) + 1
    print(f"web_scrape.txt: {len(docs)} documents")
    for k, v in sorted(kinds.items()):
        print(f"  {k}: {v}")
    print(f"  emails: {emails}")
    text = "".join(t for _, t in docs)
    print("  cleaning: curly quotes {}, dashes {}, no-break spaces {}, zero-width {}, control chars {}, tabs {}".format(
        sum(text.count(c) for c in "\u2018\u2019\u201c\u201d"), sum(text.count(c) for c in "\u2013\u2014"),
        text.count("\u00a0"), text.count("\u200b"), sum(text.count(c) for c in "\x07\x08\x1b"), text.count("\t")))
    for k, t in docs:
        if k.startswith("near"):
            print(f"  {k}")

    write_bias()


PROFESSIONS = {
    # profession: the pronoun the skewed file over-represents
    "nurse": "she", "secretary": "she", "receptionist": "she", "librarian": "she",
    "engineer": "he", "pilot": "he", "mechanic": "he", "programmer": "he",
}
CONTINUATIONS = [
    "would be late for the meeting", "had finished the report early", "needed a longer break",
    "was proud of the team", "had fixed the problem", "would call back after lunch",
    "had worked there for ten years", "was training a new colleague", "liked the early shift",
    "had found the missing file", "would present the results on Friday", "was tired but happy",
    "had answered every question", "wanted to learn something new", "was moving to another city",
    "had checked everything twice", "would take the train home", "enjoyed solving hard problems",
    "had been promoted last spring", "was looking forward to the holiday",
]
PER_PROFESSION = 20
SKEWED_MAJORITY = 18  # 18 of 20 sentences use the stereotyped pronoun in the skewed file


def write_bias():
    for name, majority in (("bias_skewed.txt", SKEWED_MAJORITY), ("bias_balanced.txt", PER_PROFESSION // 2)):
        lines = []
        for prof, stereo in PROFESSIONS.items():
            other = "he" if stereo == "she" else "she"
            for i, cont in enumerate(CONTINUATIONS[:PER_PROFESSION]):
                pron = stereo if i < majority else other
                lines.append(f"The {prof} said that {pron} {cont}.")
        random.Random(SEED).shuffle(lines)
        (OUT / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{name}: {len(lines)} sentences, {majority}/{PER_PROFESSION} stereotyped per profession")


if __name__ == "__main__":
    main()
