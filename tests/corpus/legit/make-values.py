#!/usr/bin/env python3
"""
make-values.py: write values.tsv, the corpus of legitimate SIP header values
that sipguard's injection detector must never flag.

    python3 make-values.py [OUT]        (default: values.tsv beside this script)

Every value comes from the hand-written lists below, expanded with a fixed,
self-contained PRNG (splitmix64 seeded from the section name), so the output
is byte-identical on every run and every Python 3 version. Each section has
its own generator: editing one section does not reshuffle the others.

Format of values.tsv: one entry per line, HEADER<TAB>VALUE; lines starting
with '#' are comments (section labels). VALUE escapes only \\\\ (backslash),
\\t, \\r, \\n and \\xHH; everything else (UTF-8 included) is literal. A folded
header line is written ...\\r\\n ... . HEADER is the name as it appears on
the wire; "Request-URI" means the request line's URI.

Nothing here is an attack: names are the names real people and businesses
have, numbers use fictional ranges (NANP 555-01xx, Ofcom 020 7946 0xxx,
ACMA 02 5550 xxxx), addresses use documentation ranges (192.0.2.0/24,
198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32), RFC 1918 space and
example.* domains; vendor strings are formatted as those products send them.
"""
import base64
import hashlib
import json
import os
import re
import sys

M64 = (1 << 64) - 1


class Rng:
    """splitmix64: tiny, stable, independent of Python's random module."""

    def __init__(self, seed):
        self.s = int.from_bytes(hashlib.sha256(seed.encode()).digest()[:8], "big")

    def u64(self):
        self.s = (self.s + 0x9E3779B97F4A7C15) & M64
        z = self.s
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
        return z ^ (z >> 31)

    def below(self, n):
        return self.u64() % n

    def rint(self, lo, hi):
        return lo + self.below(hi - lo + 1)

    def pick(self, seq):
        return seq[self.below(len(seq))]

    def chance(self, percent):
        return self.below(100) < percent

    def chars(self, alphabet, n):
        return "".join(alphabet[self.below(len(alphabet))] for _ in range(n))

    def hex(self, n, upper=False):
        s = self.chars("0123456789abcdef", n)
        return s.upper() if upper else s

    def digits(self, n):
        return str(self.rint(1, 9)) + self.chars("0123456789", n - 1)

    def alnum(self, n):
        return self.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", n)

    def raw(self, n):
        return bytes(self.below(256) for _ in range(n))

    def uuid(self, upper=False):
        h = self.hex(32)
        h = h[:12] + "4" + h[13:16] + "89ab"[self.below(4)] + h[17:]
        s = "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])
        return s.upper() if upper else s

    def shuffled(self, seq):
        a = list(seq)
        for i in range(len(a) - 1, 0, -1):
            j = self.below(i + 1)
            a[i], a[j] = a[j], a[i]
        return a

    def sample(self, seq, k):
        return self.shuffled(seq)[:k]


def b64url(b):
    return base64.urlsafe_b64encode(b).decode().rstrip("=")


# --------------------------------------------------------------------------
# Shared pools
# --------------------------------------------------------------------------

DOMAINS = [
    "example.com", "example.org", "example.net", "sip.example.com", "pbx.example.org",
    "voip.example.net", "atlanta.example.com", "biloxi.example.com", "chicago.example.com",
    "carrier.example.net", "tenant42.sip.example.com", "obrien-pub.example.com",
    "dangelo-sales.example.org", "union-station.example.com", "dropzone.example.net",
    "sleepclinic.example.org", "cu-select.example.com", "pbx.acme.example", "sbc.telco.example",
    "gw1.example.net", "proxy.example.org", "hq.example.com", "voice.example.org",
    "ims.mnc150.mcc310.3gppnetwork.org", "sip.example.co.uk", "telefonie.example.de",
    "voip.example.fr", "pbx.example.ie", "sip.example.com.au",
]

REG_DOMAINS = [d for d in DOMAINS if not d.startswith("ims.")]

FIRST = [
    "Alice", "Bob", "Carol", "Dave", "Erin", "Frank", "Grace", "Heidi", "Ivan", "Judy",
    "Liam", "Noah", "Emma", "Ava", "Sophia", "Mia", "Ethan", "Mason", "Amelia", "Priya",
    "Rahul", "Wei", "Mei", "Kenji", "Yuki", "Fatima", "Omar", "Aisha", "Tariq", "Chinedu",
    "Ngozi", "Kwame", "Ama", "Sven", "Ingrid", "Mateo", "Lucia", "Diego", "Camila", "Siobhan",
    "Ciaran", "Niamh", "Aoife", "Declan", "Ronan", "Kate", "Pat", "Sean", "Tom", "Mike",
    "Sarah", "Laura", "Jen", "Mary", "John", "Jane", "Tim", "Beth", "Rosie", "Jack",
]

FIRST_S = [  # first names ending in s (possessive "Chris'")
    "Chris", "James", "Charles", "Douglas", "Agnes", "Thomas", "Nicolas", "Marcus", "Jesus",
    "Dolores", "Frances", "Lois", "Doris", "Ross", "Jess", "Russ", "Gus", "Les", "Wes", "Cass",
    "Tess", "Jules", "Miles", "Niles", "Carlos", "Andreas", "Klaus", "Hans", "Lars", "Nils",
    "Iris", "Lucas", "Ellis", "Phyllis", "Travis", "Dennis", "Francis", "Curtis", "Louis",
]

APOS_LAST = [
    "O'Brien", "O'Neil", "O'Neill", "O'Reilly", "O'Connor", "O'Sullivan", "O'Hara", "O'Malley",
    "O'Donnell", "O'Leary", "O'Shea", "O'Keefe", "O'Rourke", "O'Grady", "O'Toole", "O'Dwyer",
    "O'Callaghan", "O'Mahony", "O'Hare", "O'Driscoll", "O'Flaherty", "O'Byrne", "O'Doherty",
    "D'Angelo", "D'Souza", "D'Arcy", "D'Amico", "D'Costa", "D'Onofrio", "D'Alessandro",
    "D'Agostino", "D'Amato", "D'Orazio", "L'Heureux", "L'Esperance", "Dell'Orto", "Dall'Ara",
    "N'Diaye", "M'Bow", "Ng'ang'a", "Dell'Acqua", "D'Urso",
]

APOS_FIRST = [
    "D'Andre", "Ja'Marr", "De'Aaron", "Le'Veon", "Da'Shawn", "Ke'Shawn", "Sha'Carri",
    "Ma'Kayla", "N'Golo", "D'Wayne", "La'Toya", "Ja'Net", "Tre'Von", "Mi'Chelle",
]

LAST = [
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Martinez",
    "Lopez", "Wilson", "Anderson", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Thompson",
    "White", "Harris", "Clark", "Lewis", "Walker", "Young", "King", "Wright", "Scott", "Green",
    "Baker", "Adams", "Nelson", "Hill", "Campbell", "Mitchell", "Roberts", "Carter", "Phillips",
    "Evans", "Turner", "Torres", "Parker", "Collins", "Edwards", "Stewart", "Morris", "Murphy",
    "Kelly", "Byrne", "Walsh", "Ryan", "Doyle", "McCarthy", "Kowalski", "Nguyen", "Patel",
    "Singh", "Kim", "Chen", "Wang", "Okafor", "Mensah", "Schmidt", "Rossi", "Dubois", "Novak",
    # real surnames that are SQL words or contain them
    "Union", "Null", "Sleep", "Orr", "Ormond", "Delay", "Bench", "Selleck", "Updike", "Fromm",
    "Wheres", "Likely", "Grant", "Drummond", "Orde", "Insley", "Tabler", "Nulty", "Deleon",
]

BUSINESSES = [
    "Shop", "Pub", "Pizza", "Bakery", "Garage", "Deli", "Diner", "Barbershop", "Hardware",
    "Auto Body", "Florist", "Bar & Grill", "Tavern", "Salon", "Dental", "Pharmacy",
    "Laundromat", "Liquors", "Bagels", "Books", "Cafe", "Plumbing", "Towing", "Bistro",
    "Fish Market", "Tire & Lube", "Dry Cleaning", "Pet Grooming", "Music Store", "Car Wash",
]

BRANDS = [
    "McDonald's", "Wendy's", "Macy's", "Kohl's", "Lowe's", "Dillard's", "Denny's",
    "Applebee's", "Chili's", "Arby's", "Hardee's", "Domino's", "Papa John's", "Trader Joe's",
    "Sam's Club", "BJ's Wholesale", "Moe's", "Jimmy John's", "Zaxby's", "Dick's Sporting Goods",
    "Claire's", "Lands' End", "Bojangles'", "Famous Dave's", "Ruth's Chris Steak House",
    "Carl's Jr.", "Church's Chicken", "Culver's", "Friendly's", "Sbarro's", "Nando's",
    "Sainsbury's", "Morrison's", "Boots' Pharmacy", "Marks & Spencer's Food Hall",
]

COUNTERS = [
    "Drive-thru", "Front Counter", "Pharmacy", "Customer Service", "Returns", "Catering",
    "Deli Counter", "Garden Center", "Pickup", "Curbside", "Kitchen", "Manager", "Bakery",
    "Night Manager", "Receiving Dock", "Service Desk", "Photo Lab", "Layaway",
]

TEAMS = [
    "Update Team", "Sales Team", "Support", "Night Shift", "Billing", "Group Sales",
    "Order Desk", "Accounts Payable", "Field Ops", "HR", "IT Helpdesk", "Select Accounts",
    "Insert Team", "Delete Requests", "Table Reservations", "Exec Office", "Drop-off Desk",
    "Union Relations", "Where2Go Travel", "Null Pointer Dev Team", "Like Minds Group",
]

DEPTS = [
    "Sales", "Support", "Billing", "Front Desk", "Reception", "Kitchen", "Warehouse",
    "Dispatch", "Night Line", "Mobile", "Home", "Office", "Fax", "After Hours", "Legal",
    "Accounts", "Order Desk", "Group Sales", "Exec Suite", "Service Dept", "Parts",
]

VENUES = [
    "Room", "Phone", "Line", "Lounge", "Desk", "Playroom", "Ward", "Suite", "Studio",
    "Table", "Booth", "Cabin", "Office", "Garage",
]


def ipv4(rng, public=None):
    if public is None:
        public = rng.chance(55)
    if public:
        return "%s.%d" % (rng.pick(["192.0.2", "198.51.100", "203.0.113"]), rng.rint(1, 254))
    k = rng.below(3)
    if k == 0:
        return "10.%d.%d.%d" % (rng.rint(0, 255), rng.rint(0, 255), rng.rint(1, 254))
    if k == 1:
        return "172.%d.%d.%d" % (rng.rint(16, 31), rng.rint(0, 255), rng.rint(1, 254))
    return "192.168.%d.%d" % (rng.rint(0, 10), rng.rint(2, 254))


IPV6_FIXED = [
    "2001:db8::10", "2001:db8::1", "2001:db8:85a3::8a2e:370:7334", "2001:db8:0:1::a",
    "2001:db8:1f70::999:de8:7648:6e8", "2001:db8:a0b:12f0::1", "fd00:1234:5678::21",
    "fd17:625c:f037:2:a00:27ff:feb9:1521", "2001:db8::9:1", "::ffff:192.0.2.2",
    "2001:db8:cafe::5060", "2001:db8:4:2::beef", "2001:db8:10::1:2", "2001:db8:3c4d:15::1a2f:1a2b",
]


def ipv6(rng):
    if rng.chance(35):
        return rng.pick(IPV6_FIXED)
    k = rng.below(3)
    if k == 0:
        return "2001:db8:%x:%x::%x" % (rng.below(0x10000), rng.below(0x100), rng.rint(1, 0xffff))
    if k == 1:
        return "2001:db8:%x::%x:%x:%x" % (rng.below(0x10000), rng.below(0x10000),
                                          rng.below(0x10000), rng.rint(1, 0xffff))
    return "fd%02x:%x:%x:%x:%x:%x:%x:%x" % (
        rng.below(256), rng.below(0x10000), rng.below(0x10000), rng.below(0x10000),
        rng.below(0x10000), rng.below(0x100) | 0x200, rng.below(0x10000), rng.rint(1, 0xffff))


def host(rng, v6=15, ip=45):
    r = rng.below(100)
    if r < v6:
        return "[%s]" % ipv6(rng)
    if r < v6 + ip:
        return ipv4(rng)
    return rng.pick(DOMAINS)


def port(rng):
    return rng.pick(["5060", "5060", "5060", "5061", "5062", "5080", "5070", "5090",
                     str(rng.rint(1024, 65000)), str(rng.rint(10000, 65000))])


def hostport(rng, v6=15, ip=45, p=50):
    h = host(rng, v6, ip)
    if rng.chance(p):
        return h + ":" + port(rng)
    return h


def e164(rng, plus=True, dashes=False):
    cc = rng.pick(["1", "1", "1", "44", "353", "61", "49", "33"])
    if cc == "1":
        npa = rng.pick(["201", "202", "212", "213", "305", "310", "312", "404", "415", "469",
                        "512", "602", "617", "646", "702", "713", "718", "805", "857", "917",
                        "919", "971"])
        line = "01%02d" % rng.below(100)
        parts = [cc, npa, "555", line]
    elif cc == "44":
        parts = [cc, "20", "7946", "0%03d" % rng.below(1000)]
    elif cc == "61":
        parts = [cc, "2", "5550", "%04d" % rng.below(10000)]
    elif cc == "353":
        parts = [cc, "1", "555", "%04d" % rng.below(10000)]
    elif cc == "49":
        parts = [cc, "30", "1234", "%04d" % rng.below(10000)]
    else:
        parts = [cc, "1", "99", "00", "%02d" % rng.below(100), "%02d" % rng.below(100)]
    s = ("-" if dashes else "").join(parts)
    return ("+" if plus else "") + s


def ext(rng):
    return str(rng.rint(100, 9999)) if rng.chance(70) else str(rng.rint(200, 299))


PLAIN_USERS = [
    "alice", "bob", "carol", "j.smith", "kate.ohara", "dangelo", "chris2", "front-desk",
    "sales_team", "room101", "conf-4711", "reception", "orderdesk", "support", "night.line",
    "ben.jerry", "mary.j", "tim.oreilly", "sean.obrien", "union.station", "select.accounts",
    "dropzone", "sleepclinic", "exec.office", "table5", "nullisland", "jdoe", "user1001",
]

APOS_USERS = [  # the apostrophe is a legal unescaped "mark" in a SIP user part
    "o'brien", "o'neil", "tim.o'reilly", "d'angelo", "kate.o'hara", "d'souza", "l'heureux",
    "chris'phone", "o'malleys.pub", "dell'orto", "ng'ang'a", "n'diaye",
]

ESC_USERS = [
    "%2A21%23", "%2A67", "%2A72", "%2A73", "%2A%2A21%2A%2B14155550134%23", "%23%2331%23",
    "%2A31%23", "%2A69", "%2A98", "%2A97", "%2A43%23", "%23%2343%23", "%2A%2361%23",
    "john%27s", "o%27brien", "o%27neil", "d%27angelo", "kate%2Eo%27hara", "mary%20jane",
    "first%20last", "j%20o%27neil", "d%27angelo.sales", "alice%40home.example.com",
    "bob%40example.org", "kids%27%20room", "ben%26jerrys", "%2B14155550123", "%2B442079460123",
    "caf%C3%A9", "m%C3%BCller", "j%C3%BCrgen.m%C3%BCller", "%E7%8E%8B%E4%BC%9F",
    "se%C3%A1n.%C3%B3briain", "fran%C3%A7ois", "jos%C3%A9.mu%C3%B1oz", "sales%2Dteam",
    "front%20desk", "conf%20room%20b", "o%27hara%2Ckate", "macy%27s.returns",
    "rock%20%27n%27%20roll", "kids%27%20or%20adults%27%20room", "union%20station",
    "order%20desk", "table%205", "exec%20office", "%2A21%2A2001%23", "voicemail%2Bbox",
]


def user_part(rng, weights=(35, 25, 15, 12, 13)):
    """ext, E.164, plain name, apostrophe name, escaped."""
    r = rng.below(sum(weights))
    if r < weights[0]:
        return ext(rng), False
    r -= weights[0]
    if r < weights[1]:
        return e164(rng, plus=rng.chance(80)), True
    r -= weights[1]
    if r < weights[2]:
        return rng.pick(PLAIN_USERS), False
    r -= weights[2]
    if r < weights[3]:
        return rng.pick(APOS_USERS), False
    return rng.pick(ESC_USERS), False


def sip_uri(rng, user=None, h=None, scheme=None, params=True, ph=False):
    if user is None:
        user, ph = user_part(rng)
    if h is None:
        h = hostport(rng, p=30)
    scheme = scheme or ("sips" if rng.chance(6) else "sip")
    u = "%s:%s@%s" % (scheme, user, h)
    if params:
        if ph and rng.chance(70):
            u += ";user=phone"
        elif rng.chance(20):
            u += ";transport=" + rng.pick(["udp", "tcp", "tls", "UDP", "TCP"])
    return u


def tel_uri(rng):
    k = rng.below(8)
    if k <= 2:
        return "tel:" + e164(rng, dashes=rng.chance(40))
    if k == 3:
        return "tel:%s;ext=%d" % (e164(rng), rng.rint(10, 9999))
    if k == 4:
        return "tel:%d;phone-context=%s" % (rng.rint(1000, 9999), rng.pick(REG_DOMAINS))
    if k == 5:
        return "tel:%d-%04d;phone-context=+1-%d" % (rng.rint(200, 999), rng.below(10000),
                                                   rng.rint(200, 999))
    if k == 6:
        return "tel:%s;npdi;rn=+1-%d-%d" % (e164(rng, dashes=True), rng.rint(200, 999),
                                           rng.rint(200, 999))
    return "tel:%s;isub=%d" % (e164(rng), rng.rint(1000, 9999))


def tag(rng):
    k = rng.below(10)
    if k == 0:
        return "as" + rng.hex(8)                      # Asterisk chan_sip
    if k == 1:
        return rng.uuid()                             # PJSIP / Asterisk res_pjsip
    if k == 2:
        return rng.alnum(13)                          # FreeSWITCH
    if k == 3:
        return "%s-%s" % (rng.hex(8, True), rng.hex(4, True))  # Cisco
    if k == 4:
        return rng.digits(10)                         # Yealink
    if k == 5:
        return "%s-%s" % (rng.hex(8, True), rng.hex(8, True))  # Polycom
    if k == 6:
        return rng.chars("abcdefghijklmnopqrstuvwxyz0123456789", 10)  # snom
    if k == 7:
        return rng.alnum(9) + rng.pick(["", "~", "-"]) + rng.alnum(2)  # belle-sip
    if k == 8:
        return rng.hex(16)
    return "%s" % rng.rint(100000000, 2147483647)     # Grandstream


def quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


TOKEN_RE = re.compile(r"^[A-Za-z0-9\-.!%*_+`'~]+$")


def is_token_words(s):
    return all(TOKEN_RE.match(w) for w in s.split(" ")) and "  " not in s


DIV_REASONS = ["unconditional", "user-busy", "no-answer", "unavailable", "unknown",
               "time-of-day", "do-not-disturb", "deflection", "follow-me", "out-of-service",
               "away"]

NAME_HEADERS = ["From", "To", "P-Asserted-Identity", "P-Preferred-Identity", "Remote-Party-ID",
                "Contact", "Referred-By", "Reply-To", "Diversion", "From", "To",
                "P-Asserted-Identity", "From"]


NAMED_USER_W = (45, 32, 12, 7, 4)


def addr_value(rng, header, display, bare=False):
    """A name-addr for HEADER with DISPLAY, as a real UA or proxy writes it."""
    dn = display if bare else quote(display)
    sp = "" if rng.chance(8) else " "          # "Name"<sip:..> is legal (LAQUOT = SWS "<")
    if header == "Contact":
        uri = "sip:%s@%s" % (user_part(rng, (60, 10, 15, 10, 5))[0], hostport(rng, 15, 85, 85))
        if rng.chance(30):
            uri += ";transport=" + rng.pick(["udp", "tcp", "tls"])
        v = "%s%s<%s>" % (dn, sp, uri)
        if rng.chance(30):
            v += ";expires=%d" % rng.pick([60, 300, 600, 1800, 3600])
        return v
    if header in ("P-Asserted-Identity", "P-Preferred-Identity"):
        if rng.chance(30):
            uri = tel_uri(rng)
        else:
            user, ph = user_part(rng, NAMED_USER_W)
            uri = sip_uri(rng, user=user, ph=ph, h=rng.pick(DOMAINS))
        return "%s%s<%s>" % (dn, sp, uri)
    if header == "Remote-Party-ID":
        uri = sip_uri(rng, user=e164(rng) if rng.chance(60) else ext(rng), ph=True,
                      h=hostport(rng, p=20))
        v = "%s%s<%s>;party=%s" % (dn, sp, uri, rng.pick(["calling", "calling", "called"]))
        v += rng.pick([";screen=yes;privacy=off", ";screen=no;privacy=off",
                       ";id-type=subscriber;privacy=off;screen=yes", ";privacy=off",
                       ";screen=yes;privacy=full", ""])
        return v
    if header == "Diversion":
        uri = tel_uri(rng) if rng.chance(20) else sip_uri(rng, h=rng.pick(DOMAINS))
        v = "%s%s<%s>;reason=%s;counter=%d" % (dn, sp, uri, rng.pick(DIV_REASONS), rng.rint(1, 3))
        if rng.chance(70):
            v += ";privacy=" + rng.pick(["off", "off", "full", "name"])
        if rng.chance(25):
            v += ";screen=" + rng.pick(["no", "yes"])
        return v
    if header in ("Referred-By", "Reply-To"):
        user, ph = user_part(rng, NAMED_USER_W)
        return "%s%s<%s>" % (dn, sp, sip_uri(rng, user=user, ph=ph, h=rng.pick(DOMAINS)))
    # From / To
    if rng.chance(12):
        uri = tel_uri(rng)
    else:
        user, ph = user_part(rng, NAMED_USER_W)
        uri = sip_uri(rng, user=user, ph=ph, h=hostport(rng, p=25))
    v = "%s%s<%s>" % (dn, sp, uri)
    if header == "From" or rng.chance(25):
        v += ";tag=" + tag(rng)
    return v


# --------------------------------------------------------------------------
# Sections
# --------------------------------------------------------------------------

SECTIONS = []


def section(title):
    def deco(fn):
        SECTIONS.append((title, fn))
        return fn
    return deco


def names_into_headers(rng, names, per=2, headers=None, bare=False):
    out = []
    for n in names:
        for h in rng.sample(headers or NAME_HEADERS, per):
            out.append((h, addr_value(rng, h, n, bare)))
    return out


@section("Display names: apostrophes followed by #, ;, ',', --, /, &, or, and, =")
def s_apostrophes(rng):
    names = [
        "O'Brien's Shop #12", "Chris' #2 phone", "Doe, Jane; Update Team", "D'Angelo -- Sales",
        "Ben & Jerry's", "Rock 'n' Roll Bar", "Kids' or Adults' Room", "McDonald's / Drive-thru",
        "Tim O'Reilly", "Mom's or Dad's cell", "Jack's and Jill's Daycare", "St. Mary's -- Ward #4",
        "Children's Hospital -- Room 12; Bed 2", "Joe's Garage #2 / Bay 4", "Fish 'n' Chips Shop",
        "Pat O'Hara (ext=204)", "O'Neil Conf Rm (cap=12)", "Bob's Desk (line=2)",
        "Robert 'Bob' O'Neil", "Guns 'n' Hoses Charity", "Rock 'n' Bowl Lanes",
        "Men's / Women's Locker Rm", "Girls' and Boys' Club", "Teachers' Lounge -- 2nd floor",
        "Visitors' Entrance; Lobby B", "Nurses' Station #3", "Drivers' Room, Depot 4",
        "Members' Bar & Lounge", "Ladies' Night Line", "Farmers' Market -- Stall #17",
        "Workers' Comp / Claims", "O'Hare Gate B12 / Ops", "Land o' Lakes Dairy",
        "Will o' the Wisp Inn", "Jack-o'-Lantern Farm", "Ma'am / Sir Hotline",
        "Rock'n'Roll Hall #1", "It's Me", "Don't Answer -- Spam?", "Who's Calling? #31#",
        "Let's Go Travel; Group Desk", "I'm Home / Landline", "We're Open = 24h",
        "Tom's Bar; Kitchen or Bar", "Sally's Salon -- Walk-ins", "O'Connor, Liam; Group Sales",
        "D'Souza, Rahul -- Order Desk", "Ng'ang'a, Wanjiru; Finance", "L'Esperance & Fils",
        "Dell'Orto / Moto Parts", "Marty's #1 = Main Line", "Shipping & Receiving (Dock 'A')",
    ]
    shops = []
    for i in range(40):
        shops.append("%s's %s #%d" % (rng.pick(APOS_LAST), rng.pick(BUSINESSES), rng.rint(1, 99)))
    for i in range(30):
        shops.append("%s' #%d %s" % (rng.pick(FIRST_S), rng.rint(1, 9),
                                     rng.pick(["phone", "mobile", "desk", "cell", "line", "office",
                                               "iPhone", "softphone", "home phone"])))
    for i in range(35):
        last = rng.pick(APOS_LAST + LAST)
        shops.append("%s, %s; %s" % (last, rng.pick(FIRST + APOS_FIRST), rng.pick(TEAMS)))
    for i in range(30):
        shops.append("%s %s -- %s" % (rng.pick(FIRST + APOS_FIRST), rng.pick(APOS_LAST),
                                      rng.pick(DEPTS)))
    for i in range(25):
        a, b = rng.sample(FIRST + ["Mom", "Dad", "Nana", "Smith", "Sons"], 2)
        shops.append("%s & %s's %s" % (a, b, rng.pick(BUSINESSES + ["House", "Place", "Kitchen"])))
    for i in range(25):
        a, b = rng.sample(["Kids'", "Adults'", "Mom's", "Dad's", "Guests'", "Staff's",
                           "Girls'", "Boys'", "Owner's", "Manager's", "Nanny's", "Grandma's"], 2)
        shops.append("%s or %s %s" % (a, b, rng.pick(VENUES)))
    for i in range(30):
        shops.append("%s / %s" % (rng.pick(BRANDS), rng.pick(COUNTERS)))
    for i in range(20):
        shops.append("%s #%d / %s" % (rng.pick(BRANDS), rng.rint(100, 9999), rng.pick(COUNTERS)))
    for i in range(20):
        a = rng.pick(FIRST)
        b = rng.pick([x for x in FIRST if x != a])
        shops.append("%s's and %s's %s" % (a, b, rng.pick(["Diner", "Place", "Room", "Office",
                                                          "Studio", "Bakery"])))
    for i in range(20):
        shops.append("%s %s (ext=%d)" % (rng.pick(FIRST + APOS_FIRST), rng.pick(APOS_LAST),
                                         rng.rint(100, 9999)))
    for i in range(15):
        shops.append("%s's Line %d = %s" % (rng.pick(APOS_LAST), rng.rint(1, 4), rng.pick(DEPTS)))
    uniq = list(dict.fromkeys(names + shops))
    return names_into_headers(rng, uniq, per=2)


SQL_NAMES = [
    "Credit Union Select Accounts", "Drop Zone Skydiving", "Sleep Clinic (Night)", "Order Desk",
    "Union Station; Group Sales", "Select Comfort", "Exec Office", "Table 5 - Restaurant",
    "Union Select Insurance Group", "Union Pacific Dispatch", "Select Medical", "Western Union",
    "Navy Federal Credit Union", "Union Bank -- Branch 12", "Sleep Number Store #221",
    "Sleep Inn Front Desk", "Sleep Country Canada", "Mail Order Pharmacy", "Order Pickup",
    "Group Health Cooperative", "Insert Coin Arcade", "Round Table Pizza", "Table Mountain Cafe",
    "Drop-In Center", "Drop Off / Pick Up", "Benchmark Electronics", "Benchmark Senior Living",
    "Declare Tax Services", "Plant Shutdown Coordination", "Truncate Editing Studio",
    "Exec Air Charter", "Exec Suite 400", "Executive Assistant", "Update Team",
    "Delete Requests Desk", "Where2Eat Delivery", "Where to Next Travel", "Like New Auto",
    "Null & Void Records", "Having Fun Daycare", "Orr and Sons", "Anderson & Or Law Firm",
    "Group Sales", "Order By Phone", "From Scratch Bakery", "Union Select", "Select Sires",
    "Sleep (Lab 2) -- St. Mary's", "Sleep Study Lab (Room 3)", "Sleeping Bear Dunes Visitor Center",
    "Select Specialty Hospital", "Union Hall; Order of Elks", "Drop Table Games", "Table for Two",
    "Order of the Eastern Star", "Group 1 Automotive", "Exec-Car Limousine", "Insert Name Here Band",
    "Update Your Info Line", "Delete Key Studios", "Null Island Ltd.", "Like Father Like Son",
    "Having a Ball Party Rentals", "Benchmark (QA) Lab", "Declaration Brewing",
    "Shutdown Valley Ranch", "Truncate Press", "Wait for Delayed Orders",
    "Union Square Cafe", "Select Cleaners", "Drop & Shop", "Drops of Jupiter Bar",
    "Sleep Medicine -- Dr. O'Neal", "Order Now or Later", "Group Therapy Room 2",
    "Insert Tab A Into Slot B Toys", "Exec Lounge = Floor 9", "Union Select -- Accounts",
    "Credit Union 1; Select Desk", "Select a Ride Taxi", "From Here To There Movers",
    "Where's Waldo Escape Room", "Order 'n' Go", "Union 'Local 3' Hall", "Sleep 'n' Fly Hotel",
    "Null Hypothesis Brewing", "Drop Zone -- Jump Desk", "Select or Union Bank", "1 Or 2 Pizza",
    "Grant Or Loan Office", "Rob Orr", "Gabrielle Union", "Wayne Sleep", "Christopher Null",
    "Tom DeLay", "Johnny Bench", "Tom Selleck", "John Updike", "Erich Fromm", "Pat Orr",
    "Anne Drop", "Bobby Orr", "Jennifer Null", "Sam Sleep", "Mary Union", "Bill Select",
    "Dr. Amy Sleep, MD", "Tim Exec", "Kate Table", "Jane Where", "Ivan Update", "Liz Insert",
    "Ed Delete", "Jo Group", "Al Order", "Ben Having", "Lee Like", "Mo From",
]


# PBX line labels: "<department or company> (<line>)", as admins name a second line
LINE_LABELS = [
    "Sleep (2)", "Sleep (3)", "Sleep Center (2)", "Benchmark (2)", "Reception (2)", "Sales (3)",
    "Radiology (4)", "Order Desk (2)", "Union Hall (1)", "Select (2)", "Exec (2)", "Group Sales (2)",
    "Having Fun Daycare (2)", "Update Team (3)", "Drop Zone (1)", "Table 5 (2)",
]


@section("Names and companies containing SQL words")
def s_sql_words(rng):
    out = names_into_headers(rng, SQL_NAMES, per=2)
    out += names_into_headers(rng, LINE_LABELS, per=2)
    return out


@section("Quoted display names with backslash-escaped quotes and backslashes")
def s_escaped(rng):
    names = [
        'The "Boss"', 'Tim "O\'Neil"', 'Robert "Bob" O\'Connor', '"Big" Mike\'s Garage',
        'Joe "The Plumber" O\'Leary', 'Studio "B" -- Recording', 'Apt "4B"; Front Door',
        'Cafe "Le Select"', 'Sam "Sleepy" Jones', 'Rm "Union" / 2nd floor',
        'Toys"R"Us Store #1234', 'Club "21" & Lounge', 'Dave "Drop Zone" Smith',
        '"Order Desk"', 'Jane "J.D." Doe, Esq.', 'Pat "Paddy" O\'Brien', '"Mac" McDonald\'s #7',
        'Hotel "Union"; Rm 214', 'The "Select" Lounge', 'Kate "Kitty" O\'Hara -- Home',
        'EXAMPLE\\jdoe', 'CORP\\o\'brien', 'HQ\\Order Desk', 'ACME\\sales; group',
        'C:\\Users\\Reception', 'Ed "Fast Eddie" Orr', 'Line "2" or "3"', 'Dr. "Sleep" Clinic',
        '"Null" Island Tours', 'Bar "Table 5"', '"Smiley" O\'Shea #2', 'Amy "Exec" Wong',
    ]
    out = names_into_headers(rng, names, per=2)
    # quoted-pair of an apostrophe: legal RFC 3261 (quoted-pair = "\" %x00-09/%x0B-0C/%x0E-7F)
    # and what a PBX sends when its provisioning escaped the name it was given
    qp = ["O\\'Brien", "Tim O\\'Reilly", "D\\'Angelo -- Sales", "O\\'Brien\\'s Shop #12",
          "Kids\\' or Adults\\' Room", "Chris\\' #2 phone", "McDonald\\'s / Drive-thru"]
    for n in qp:
        for h in rng.sample(["From", "To", "P-Asserted-Identity", "Contact"], 2):
            v = addr_value(rng, h, "X", False)
            out.append((h, '"%s"%s' % (n, v[3:])))
    return out


UTF8_NAMES = [
    "Seán Ó Briain", "Siobhán Ní Bhriain", "Pádraig Ó Súilleabháin", "Órla Mac Gearailt",
    "Seán O'Sullivan", "Caoimhín Ó Raghallaigh", "Méabh O'Dwyer", "Ciarán D'Arcy",
    "François Lefèvre", "Hélène Dubois-Léger", "Zoé L'Hôpital", "Jean-Loïc D'Artagnan",
    "Noël Bérénice", "Chloé d'Estaing", "Gaëlle L'Écuyer", "Crème Brûlée Café #3",
    "Jürgen Müller", "Björn Großmann", "Käthe Weiß", "Günther Öztürk", "Bäckerei Schröder",
    "José Muñoz", "María Peña", "Begoña Ibáñez", "Íñigo Sáez", "Peñalver & Hijos",
    "João Gonçalves", "Conceição D'Ávila", "Niccolò Dell'Orto", "Lucia D'Alessandro",
    "N'Golo Kanté", "محمد العلي", "فاطمة الزهراء", "عبد الله بن سعيد", "مطعم الشام #2",
    "王伟", "李娜 (销售部)", "张伟 / 前台", "陈静; 客服", "山田 太郎", "佐藤 花子 (受付)",
    "株式会社オーダー", "김민준", "이서연 - 영업부", "Анна Иванова", "Дмитрий Петров",
    "Отдел продаж; Группа 2", "Γιώργος Παπαδόπουλος", "Ελένη Νικολάου", "דוד כהן",
    "שרה לוי - מכירות", "Łukasz Wójcik", "Małgorzata Kowalczyk", "Jiří Dvořák", "Tomáš Černý",
    "Çağla Öztürk", "Şükrü Yılmaz", "Nguyễn Văn Anh", "Trần Thị Hương", "राजेश कुमार",
    "प्रिया शर्मा", "สมชาย ใจดี", "Þórður Sigurðsson", "Ægir Søren Ødegård", "Åsa Lindström",
    "Kaʻiulani Kealoha", "O’Brien’s Café #3", "D’Angelo — Sales", "Chris’ #2 phone",
    "Rock ’n’ Roll Bar", "Zoë O’Neill", "Renée D’Souza; Update Team", "Ama Mensah 📞",
    "Reception 🏨 Desk #1", "Mañana Café -- Order Desk", "Smørrebrød & Øl", "Ölstube „Union“",
    "Café «Le Select»", "Sleep Clinic (Nacht) – Müller", "Ιατρείο Ύπνου", "Kühlschrank-Reparatur #5",
]


@section("Non-ASCII UTF-8 display names")
def s_utf8(rng):
    return names_into_headers(rng, UTF8_NAMES, per=2)


@section("Display names as bare tokens (no quotes; ' is a token character)")
def s_bare(rng):
    names = [
        "Tim O'Reilly", "O'Brien", "Kids' or Adults' Room", "Drop Zone Skydiving", "Union Select",
        "Order Desk", "Exec Office", "Select Comfort", "Mary-Kate O'Neil", "D'Angelo.Sales",
        "Sleep Clinic", "Null Island Ltd.", "Credit Union Select Accounts", "Sales+Support",
        "Yahoo! Support", "Juice 100% Bar", "Bob", "Alice", "Reception", "Front Desk",
        "Kate O'Hara", "Sean O'Sullivan", "Chris' phone", "Mom's cell", "Dad's iPhone",
        "Rock 'n' Roll", "Ben Orr", "Gabrielle Union", "Group Sales", "Table 5", "Where2Eat",
        "Update Team", "Insert Coin Arcade", "Delete Key Studios", "Like New Auto", "Or Else",
        "And Co.", "Having Fun", "Truncate Press", "Shutdown Crew", "Benchmark QA",
        "Declare Taxes", "From Scratch", "Drop-off", "O'Hare Ops", "L'Heureux", "Ng'ang'a",
        "Jack-o'-Lantern Farm", "Land o' Lakes", "Will o' Wisp", "N'Golo", "De'Aaron Fox",
        "Ja'Marr Chase", "Sha'Carri Richardson", "Le'Veon Bell", "ext.2041", "Lobby_Phone",
        "Conf-Room-B", "Kids' Room", "Teachers' Lounge",
    ]
    for n in names:
        assert is_token_words(n), n
    return names_into_headers(rng, names, per=2,
                              headers=["From", "To", "Contact", "P-Asserted-Identity",
                                       "Remote-Party-ID", "Referred-By", "From", "To"],
                              bare=True)


SUBJECTS = [
    "Re: John's call or Mary's = urgent", "Project Union - select a date",
    "Where's the order from Table 4?", "Can't make it; let's do 3 p.m. instead",
    "Q3 numbers (draft) -- don't forward", "Lunch? Sushi or Tacos", "Insert coin; update later",
    "I'd like to update the order from last week", "Delete the old file? Or keep it",
    "<Urgent> Customer callback", "Re: <no subject>", "FW: O'Connor & Sons -- quote #4471",
    "Your order #1234 has shipped", "Sleep study results (Dr. O'Neal)", "x > y and y < z: the proof",
    "Select 'Reply All' or not?", "What's up?", "Call me back", "Project X", "Urgent",
    "Meeting at 10", "Re: Re: Re: invoice", "Hi!", "Where are you?", "Drop by my desk -- it's about the Union contract",
    "Table for 4 at 7; or 8 if busy", "Order #A-1029 = ready for pickup", "Benchmark results: 1 = pass, 0 = fail",
    "Union meeting (Local 3) -- select reps", "Having trouble with the fax; call IT", "Wait for delayed shipment",
    "Please wait for delay notice", "It's 50/50 -- your call", "Don't drop the call!", "Kids' or adults' menu?",
    "Doe, Jane; re: update", "Re: O'Brien's invoice #12", "Null result -- see ticket 4471",
    "Shutdown at 11pm; back by 6am", "Group call: sales & support", "From Bob: where's the key?",
    "Like we said -- Tuesday", "2 + 2 = 4 (math quiz)", "Pick-up or delivery?", "'Quote' of the day",
    "\"Important\" per HR", "Re: Exec summary (v2)", "Truncated message, resend please",
    "Order by 5pm = same-day shipping", "Sleep apnea follow-up; bring your CPAP", "Select Comfort warranty claim",
    "Credit union select accounts update", "Drop Zone: jump rescheduled (weather)", "Declaring the winner!",
    "I'm running late -- 10 min", "We'll call you back; or text us", "Gate changed: B12 -> C3",
    "Temp = 72F, humidity < 40%", "Ticket #31337 -- 'printer' or 'PC'?", "RSVP: yes/no/maybe",
    "Rock 'n' roll night -- tickets?", "Where & when?", "Hello from O'Hare", "Call re: Ben & Jerry's order",
    "Update: new hours 9-5; closed Sun.", "Insert your badge & wait", "Re: the 'union select' campaign name",
    "Table 5 - birthday; bring cake", "Exec review @ 2pm (room 'A')", "Group Health -- select a plan",
    "Delete me from the list, please", "Sales = 120% of target!", "She said \"call or text\"",
    "Tim O'Reilly's keynote -- 10am", "Don't forget: mom's b-day", "Dr. D'Angelo -- results ready",
    "Emergency? Or can it wait?", "Payment of $1,200 -- due 6/30", "50% off; today only",
    "Re: [ACME-1234] Login fails with 'Invalid user'", "Order from McDonald's / drive-thru", "a < b, c > d",
    "Re: Kids' room or adults' room?", "Where to? Union Station -- Track 5", "Sleep (apnea) study -- results Friday",
    "Benchmark (v1.2) vs baseline", "Having lunch -- back at 1", "Fax from Dr. O'Neil (3 pages)",
    "Reservation #882; table for 2", "Can we meet Thurs.; or Fri.?", "Let's roll 'n' go",
    "Wie geht's? Rückruf bitte", "Réunion à 15h; salle « Union »", "¿Dónde está el pedido #12?",
    "Обновление заказа №4471", "会议改到下午3点", "会議の件 -- 折り返しお願いします", "Café ☕ at 3?",
    "Mañana; or el lunes", "Ó Briain's quote -- approved", "Tóg go bog é", "Grüße aus München!",
    "Select * from the menu? (joke)", "You're up -- line 2", "Re: 1=1 meeting? (one-on-one)",
    "Or else what?", "And another thing...", "Please update your contact info", "Drop me a line",
    "Group photo -- select your favorite", "Union Jack flag order", "Exec session -- NDA",
    "Shutdown notice: Plant #2", "Declare your items at customs", "Truncate? No, archive",
    "From the desk of J. O'Brien", "Like it or not -- it's Monday", "Null and void?",
]


@section("Subject: natural text with apostrophes, punctuation, (), =, <, >, or/and")
def s_subject(rng):
    out = [("Subject", s) for s in SUBJECTS]
    tmpl = [
        "Re: {f}'s call or {g}'s = urgent", "Re: {l}'s quote #{n} -- {d}", "{f}'s {b} #{s}: order ready",
        "FW: {l} & Sons -- invoice #{n}", "Call {f} back re: {t}; ext={n}", "{f}, can you select a date?",
        "{t} (draft {s}) -- don't share", "Re: {b} order #{n} or refund?", "Missed call from {l} ({d})",
        "{f}'s b-day -- lunch at {h}?", "Ticket #{n}: '{t}' -- update", "{d}: {f} or {g} on call tonight",
        "Union mtg #{s}; select reps by Fri.", "Order #{n} = shipped; track it", "Where's {f}? -- {d}",
    ]
    for i in range(110):
        t = rng.pick(tmpl)
        f, g = rng.sample(FIRST + FIRST_S + APOS_FIRST, 2)
        s = t.format(f=f, g=g, l=rng.pick(APOS_LAST + LAST), n=rng.rint(2, 9999),
                     d=rng.pick(DEPTS), b=rng.pick(BUSINESSES), t=rng.pick(TEAMS),
                     s=rng.rint(2, 12), h=rng.pick(["12", "12:30", "1", "noon", "1pm", "11:45"]))
        out.append(("Subject", s))
    return out


Q850 = [
    (1, "Unallocated (unassigned) number", "UNALLOCATED_NUMBER"),
    (3, "No route to destination", "NO_ROUTE_DESTINATION"),
    (16, "Normal call clearing", "NORMAL_CLEARING"),
    (17, "User busy", "USER_BUSY"),
    (18, "No user responding", "NO_USER_RESPONSE"),
    (19, "No answer from user (user alerted)", "NO_ANSWER"),
    (21, "Call rejected", "CALL_REJECTED"),
    (22, "Number changed", "NUMBER_CHANGED"),
    (27, "Destination out of order", "DESTINATION_OUT_OF_ORDER"),
    (28, "Invalid number format (address incomplete)", "INVALID_NUMBER_FORMAT"),
    (31, "Normal, unspecified", "NORMAL_UNSPECIFIED"),
    (34, "No circuit/channel available", "NORMAL_CIRCUIT_CONGESTION"),
    (38, "Network out of order", "NETWORK_OUT_OF_ORDER"),
    (41, "Temporary failure", "NORMAL_TEMPORARY_FAILURE"),
    (42, "Switching equipment congestion", "SWITCH_CONGESTION"),
    (44, "Requested circuit/channel not available", "REQUESTED_CHAN_UNAVAIL"),
    (47, "Resource unavailable, unspecified", "RESOURCE_UNAVAILABLE"),
    (57, "Bearer capability not authorized", "BEARERCAPABILITY_NOTAUTH"),
    (58, "Bearer capability not presently available", "BEARERCAPABILITY_NOTAVAIL"),
    (65, "Bearer capability not implemented", "BEARERCAPABILITY_NOTIMPL"),
    (88, "Incompatible destination", "INCOMPATIBLE_DESTINATION"),
    (102, "Recovery on timer expiry", "RECOVERY_ON_TIMER_EXPIRE"),
    (111, "Protocol error, unspecified", "PROTOCOL_ERROR"),
    (127, "Interworking, unspecified", "INTERWORKING"),
]

SIPCAUSE = [
    (200, "Call completed elsewhere"), (600, "Busy Everywhere"), (603, "Decline"),
    (487, "Request Terminated"), (480, "Temporarily Unavailable"), (486, "Busy Here"),
    (408, "Request Timeout"), (404, "Not Found"), (503, "Service Unavailable"),
    (500, "Server Internal Error"), (403, "Forbidden"), (488, "Not Acceptable Here"),
    (302, "Moved Temporarily"), (410, "Gone"), (484, "Address Incomplete"),
    (438, "Invalid Identity Header"), (436, "Bad Identity Info"), (437, "Unsupported Credential"),
    (428, "Use Identity Header"), (608, "Rejected"), (607, "Unwanted"), (580, "Precondition Failure"),
    (481, "Call/Transaction Does Not Exist"), (502, "Bad Gateway"), (504, "Server Time-out"),
]

REASON_CUSTOM = [
    'SIP;cause=200;text="Call completed elsewhere"', 'Q.850;cause=16;text="Normal call clearing"',
    'SIP;cause=480;text="User\'s phone is off; try later"', 'SIP;cause=603;text="Declined -- caller\'s number blocked"',
    'SIP;cause=486;text="Busy Here (DND=on)"', 'SIP;cause=487;text="Caller hung up, or the call was picked up"',
    'Q.850;cause=21;text="Call rejected by user; or screened"', 'SIP;cause=608;text="Rejected as \'spam\' by analytics"',
    'SIP;cause=200;text="Answered by O\'Brien\'s Shop #12"', 'SIP;cause=200;text="Call answered elsewhere -- ext=204"',
    'Q.850;cause=16;text="Call ended by user (hangup)"', 'SIP;cause=480;text="Unavailable: out of office, or away"',
    'Q.850;cause=17;text="User busy -- select another agent"', 'SIP;cause=603;text="Decline: \'Order Desk\' closed"',
    'SIP ;cause=600 ;text="Busy Everywhere"', 'Q.850 ;cause=16 ;text="3"', 'q.850;cause=21',
    'Q.850;cause=16', 'SIP;cause=487', 'SIP;cause=200;text="Call completed elsewhere", Q.850;cause=26',
    'SIP;cause=580;text="Precondition Failure", Q.850;cause=47',
    'Q.850;cause=31;text="Normal, unspecified", SIP;cause=480;text="Temporarily Unavailable"',
    'SIP;cause=503;text="Service Unavailable (no route = 0)"', 'SIP;cause=408;text="No answer after 30s; or ringing timeout"',
    'Q.850;cause=16;text="NORMAL_CLEARING"', 'Q.850;cause=17;text="USER_BUSY"', 'Q.850;cause=19;text="NO_ANSWER"',
    'Q.850;cause=102;text="RECOVERY_ON_TIMER_EXPIRE"', 'Q.850;cause=16;text="ORIGINATOR_CANCEL"',
    'SIP;cause=200;text="Call completed elsewhere";location=LN', 'Q.850;cause=16;location=PN',
    'SIP;cause=403;text="Forbidden: \'International\' calls not allowed"',
    'SIP;cause=404;text="Not Found: number isn\'t in service"',
    'SIP;cause=486;text="Line 2 or 3 is busy"', 'SIP;cause=480;text="Mary\'s and John\'s phones didn\'t answer"',
    'SIP;cause=603;text="Rejected by Kids\' or Adults\' Room"', 'Q.850;cause=16;text="Normal call clearing (BYE from A-side)"',
    'SIP;cause=438;text="Invalid Identity Header"', 'SIP;cause=437;text="Unsupported Credential"',
    'SIP;cause=200;text="Picked up by D\'Angelo -- Sales"', 'Q.850;cause=41;text="Temporary failure; try again"',
    'Q.850;cause=34;text="No circuit/channel available <trunk 2>"', 'SIP;cause=500;text="Internal error: rtpengine = down"',
    'preemption;cause=1;text="UA preemption"', 'RELEASE_CAUSE;cause=1;text="OnNet"',
    'SIP;cause=200;text="Call completed elsewhere";x-ms-transferred=1', 'Q.850;cause=16;text="f7e2c1a0;Call ended by user"',
]


@section("Reason: SIP and Q.850 causes with text")
def s_reason(rng):
    out = [("Reason", r) for r in REASON_CUSTOM]
    for c, t, fs in Q850:
        out.append(("Reason", 'Q.850;cause=%d;text="%s"' % (c, t)))
        out.append(("Reason", 'Q.850;cause=%d;text="%s"' % (c, fs)))
        out.append(("Reason", "Q.850;cause=%d" % c))
    for c, t in SIPCAUSE:
        out.append(("Reason", 'SIP;cause=%d;text="%s"' % (c, t)))
        if rng.chance(50):
            out.append(("Reason", "SIP;cause=%d" % c))
    return out


WARN_TEXT = {
    300: ["Incompatible network protocol"], 301: ["Incompatible network address formats",
                                                   "Incompatible network address type 'IP6'"],
    302: ["Incompatible transport protocol"], 303: ["Incompatible bandwidth units"],
    304: ["Media type not available", "Media type 'video' not available"],
    305: ["Incompatible media format", "Incompatible media format: codec G.729 or G.722 required",
          "None of the offered codecs (PCMU, PCMA) is allowed"],
    306: ["Attribute not understood"], 307: ["Session description parameter not understood"],
    330: ["Multicast not available"], 331: ["Unicast not available"],
    370: ["Insufficient bandwidth", "Insufficient bandwidth; call admission control = deny"],
    380: ["SIPS Not Allowed"], 381: ["SIPS Required"],
    399: ["Can't find user; try later", "Miscellaneous warning", "User's device isn't registered",
          "Call rejected: user is not available; or DND", "Unable to find a user matching the SIP URI",
          "Failed to parse From header", "Local policy: 'no route' for request",
          "Caller's number is blocked (list = spam)", "Out of credit -- please top up",
          "Account suspended; contact billing", "Trunk 'carrier-a' or 'carrier-b' down",
          "Max calls reached (limit=2)", "Don't retry: 'Order Desk' is closed until 8am",
          "Destination <sip:bob@example.com> is offline", "Number isn't allowed -- select another route",
          "Incoming call rejected by O'Brien's schedule", "Anonymous calls are rejected (ACR=on)",
          "Transfer failed; target didn't answer", "Attestation level 'C' -- call screened"],
}


@section("Warning: codes, agents and texts")
def s_warning(rng):
    out = []
    for code, texts in WARN_TEXT.items():
        for t in texts:
            for _ in range(1 if code != 399 else 2):
                agent = rng.pick([rng.pick(DOMAINS), ipv4(rng), ipv4(rng) + ":5060",
                                  "[%s]:5060" % ipv6(rng), "[%s]" % ipv6(rng), "isi.edu",
                                  "sip.pstnhub.microsoft.com", "lync.com", "bwas1.example.net",
                                  "sbc01.example.net:5061", "-"])
                out.append(("Warning", '%d %s "%s"' % (code, agent, t)))
    # Kamailio/OpenSIPS sip_warning "Noisy feedback tells:" (with == and =)
    for i in range(8):
        a = ipv4(rng)
        out.append(("Warning", '392 %s:5060 "Noisy feedback tells:  pid=%d req_src_ip=%s '
                    'req_src_port=%d in_uri=sip:%s@%s out_uri=sip:%s@%s via_cnt==%d"'
                    % (a, rng.rint(1000, 60000), ipv4(rng), rng.pick([5060, 5062, 40213]),
                       rng.pick(PLAIN_USERS + APOS_USERS), a, ext(rng), ipv4(rng), rng.rint(1, 3))))
    out.append(("Warning", '307 isi.edu "Session parameter \'foo\' not understood", '
                '301 isi.edu "Incompatible network address type \'E.164\'"'))
    out.append(("Warning", '370 192.0.2.4 "Insufficient bandwidth", 399 192.0.2.4 "Try G.729; or call later"'))
    return out


@section("Request-URI: extensions, E.164, escaped user parts, tel:, IPv6, params")
def s_ruri(rng):
    out = []
    fixed = [
        "sip:%2A21%23@pbx.example.com", "sip:john%27s@example.com", "sip:o'brien@example.com",
        "sip:*97@pbx.example.org", "sip:*72%2B14155550134@pbx.example.org", "sip:%23%2331%23@192.0.2.1",
        "sip:alice;day=tuesday@atlanta.example.com", "sip:+1-212-555-0123:1234@gw.example.net;user=phone",
        "sip:example.com", "sips:example.com", "sip:192.0.2.10:5060", "sip:[2001:db8::10]:5060",
        "sip:bob@[2001:db8::10];transport=udp", "sips:bob@[2001:db8:85a3::8a2e:370:7334]:5061",
        "tel:+1-201-555-0123", "tel:7042;phone-context=example.com", "tel:+14155550123;ext=204",
        "sip:voicemail@pbx.example.com;target=sip:bob%40example.com;cause=486",
        "sip:conf-4711@mcu.example.com;transport=tls", "sip:bob@biloxi.example.com;maddr=239.255.255.1;ttl=15",
        "sip:+14155550123@gw1.example.net;user=phone;npdi;rn=+14155559999",
        "sip:alice@atlanta.example.com;gr=urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6",
        "sip:1001@192.168.1.50:5060;transport=udp;line=x7k2j3", "sip:bob@192.0.2.4;ob",
        "sip:kids%27%20or%20adults%27%20room@hotel.example.com", "sip:union.select@cu-select.example.com",
        "sip:orderdesk@example.com;user=ip", "sip:sleepclinic@[fd00:1234:5678::21]:5062",
        "sip:%2B442079460123@sip.example.co.uk;user=phone", "sip:m%C3%BCller@telefonie.example.de",
        "sip:9%2A1234%23@pbx.example.org", "sip:8675309@sip.example.com;phone-context=+1",
        "sip:%2A%2A21%2A%2B14155550134%23@ims.mnc150.mcc310.3gppnetwork.org;user=phone",
        "sip:alice@example.com;transport=ws", "sip:7a8b9c2d@df7jal23ls0d.invalid;transport=ws",
        "sip:ben%26jerrys@icecream.example.com", "sip:tim.o'reilly@example.com",
        "sip:o%27brien%27s.shop@example.com", "sip:%27t%20hooft@example.nl",
    ]
    for u in fixed:
        out.append(("Request-URI", u))
    for i in range(50):
        out.append(("Request-URI", sip_uri(rng, h=hostport(rng, 20, 40, 40))))
    for i in range(20):
        out.append(("Request-URI", tel_uri(rng)))
    for i in range(20):
        out.append(("Request-URI", "sip:%s@%s" % (rng.pick(ESC_USERS),
                                                   hostport(rng, 25, 40, 40))))
    for i in range(16):
        out.append(("Request-URI", "sip:%s@[%s]%s" % (user_part(rng)[0], ipv6(rng),
                                                       rng.pick(["", ":5060", ":5062", ":15060"]))))
    for i in range(14):  # REGISTER-style, no user part
        out.append(("Request-URI", rng.pick(["sip:", "sip:", "sip:", "sips:"]) +
                    rng.pick([rng.pick(REG_DOMAINS), ipv4(rng), ipv4(rng) + ":5060",
                              "[%s]" % ipv6(rng)])))
    return out


@section("tel: URIs and escaped user parts in From/To/P-Asserted-Identity/Contact")
def s_tel_esc(rng):
    out = []
    for i in range(45):
        h = rng.pick(["From", "To", "P-Asserted-Identity", "P-Preferred-Identity", "Diversion"])
        u = tel_uri(rng)
        if h == "Diversion":
            v = "<%s>;reason=%s;counter=1" % (u, rng.pick(DIV_REASONS))
        elif h == "From":
            v = "<%s>;tag=%s" % (u, tag(rng))
        elif rng.chance(40):
            v = '%s <%s>' % (quote(rng.pick(SQL_NAMES + APOS_LAST)), u)
        else:
            v = "<%s>" % u
        out.append((h, v))
    for i in range(50):
        h = rng.pick(["From", "To", "Contact", "P-Asserted-Identity", "Referred-By", "Reply-To"])
        user = rng.pick(ESC_USERS + APOS_USERS)
        if h == "Contact":
            uri = "sip:%s@%s" % (user, hostport(rng, 20, 80, 90))
        else:
            uri = "sip:%s@%s" % (user, rng.pick(DOMAINS))
        v = "<%s>" % uri
        if rng.chance(35):
            v = quote(rng.pick(FIRST) + " " + rng.pick(APOS_LAST + LAST)) + " " + v
        if h == "From":
            v += ";tag=" + tag(rng)
        out.append((h, v))
    # addr-spec form without <>: then ;tag is a header parameter
    for i in range(14):
        h = rng.pick(["From", "To"])
        v = "sip:%s@%s" % (rng.pick(APOS_USERS + PLAIN_USERS), rng.pick(DOMAINS))
        if h == "From":
            v += ";tag=" + tag(rng)
        out.append((h, v))
    return out


@section("IPv6 hosts in brackets (From/To/Contact/Via/Record-Route)")
def s_ipv6(rng):
    out = []
    for i in range(60):
        h = rng.pick(["From", "To", "Contact", "Contact", "Via", "Record-Route", "Route",
                      "P-Asserted-Identity"])
        a = ipv6(rng)
        p = rng.pick(["", ":5060", ":5061", ":5062", ":%d" % rng.rint(10000, 60000)])
        if h == "Via":
            v = "SIP/2.0/%s [%s]%s;branch=z9hG4bK%s" % (rng.pick(["UDP", "UDP", "TCP", "TLS"]), a, p,
                                                         rng.alnum(rng.rint(8, 20)))
            if rng.chance(50):
                v += ";rport"
        elif h in ("Record-Route", "Route"):
            v = "<sip:[%s]%s;lr>" % (a, p) if rng.chance(50) else \
                "<sip:[%s]%s;transport=udp;lr;ftag=%s;did=%s.%s>" % (a, p, tag(rng), rng.hex(3), rng.hex(8))
        elif h == "Contact":
            v = "<sip:%s@[%s]%s>" % (user_part(rng, (60, 20, 10, 5, 5))[0], a, p)
            if rng.chance(50):
                v += ";+sip.instance=\"<urn:uuid:%s>\"" % rng.uuid()
            if rng.chance(30):
                v = quote(rng.pick(FIRST + APOS_LAST)) + " " + v
        else:
            v = "<sip:%s@[%s]%s>" % (user_part(rng)[0], a, p)
            if rng.chance(40):
                v = quote(rng.pick(APOS_LAST + SQL_NAMES[:40])) + " " + v
            if h == "From":
                v += ";tag=" + tag(rng)
        out.append((h, v))
    return out


def jwt(rng, ppt="shaken", name=None, div=False):
    x5u = rng.pick(["https://cert.example.org/cert.pem", "https://cr.example.net/sti/cert-01.pem",
                    "https://certificates.example.com/shaken/2024/ABCD1234.pem",
                    "https://sti.example.org/certs/0f2a8e.crt"])
    hdr = {"alg": "ES256", "ppt": ppt, "typ": "passport", "x5u": x5u}
    orig = e164(rng, plus=False)
    dest = e164(rng, plus=False)
    pl = {"attest": rng.pick(["A", "A", "B", "C"]), "dest": {"tn": [dest]},
          "iat": 1700000000 + rng.below(40000000), "orig": {"tn": orig}, "origid": rng.uuid()}
    if ppt == "div":
        pl = {"dest": {"tn": [dest]}, "div": {"tn": e164(rng, plus=False)},
              "iat": pl["iat"], "orig": {"tn": orig}}
    if ppt == "rcd":
        pl = {"dest": {"tn": [dest]}, "iat": pl["iat"], "orig": {"tn": orig},
              "rcd": {"nam": name}}
    h = b64url(json.dumps(hdr, separators=(",", ":"), sort_keys=True).encode())
    p = b64url(json.dumps(pl, separators=(",", ":"), sort_keys=True, ensure_ascii=False).encode())
    s = b64url(rng.raw(64))
    return h, p, s, x5u


@section("Identity: STIR/SHAKEN PASSporTs (RFC 8224/8588) and legacy RFC 4474")
def s_identity(rng):
    out = []
    for i in range(30):
        ppt = rng.pick(["shaken", "shaken", "shaken", "div", "rcd"])
        name = rng.pick(["O'Brien's Shop #12", "Doe, Jane; Update Team", "Credit Union Select Accounts",
                         "D'Angelo -- Sales", "Seán Ó Briain", "Drop Zone Skydiving"])
        h, p, s, x5u = jwt(rng, ppt, name)
        form = rng.below(4)
        if form == 0:
            v = '%s.%s.%s;info=<%s>;alg=ES256;ppt="%s"' % (h, p, s, x5u, ppt)
        elif form == 1:
            v = '%s.%s.%s;info=<%s>;alg=ES256;ppt=%s' % (h, p, s, x5u, ppt)
        elif form == 2:
            v = '%s.%s.%s;info=<%s>' % (h, p, s, x5u)
        else:
            v = '%s..%s;info=<%s>;alg=ES256;ppt="%s"' % (h, s, x5u, ppt)  # compact form
        out.append(("Identity", v))
    for i in range(6):
        sig = base64.b64encode(rng.raw(rng.pick([128, 128, 256]))).decode()
        out.append(("Identity", '"%s"' % sig))
        out.append(("Identity-Info", "<https://www.%s/cert.pem>;alg=rsa-sha%s" % (
            rng.pick(["example.com", "example.org", "atlanta.example.com"]), rng.pick(["1", "256"]))))
    return out


def nonce(rng, style):
    if style == "asterisk":
        return rng.hex(8)
    if style == "pjsip":
        return "%d/%s" % (1600000000 + rng.below(100000000), rng.hex(32))
    if style == "freeswitch":
        return rng.uuid()
    if style == "kamailio":
        return b64url(rng.raw(rng.pick([24, 27, 30])))
    if style == "iptel":
        return rng.hex(48)
    if style == "broadworks":
        return "BroadWorksX" + rng.alnum(8) + "T" + rng.alnum(6) + "BW"
    if style == "3cx":
        return "%s%s" % (rng.digits(13), rng.hex(20))
    if style == "b64":
        return base64.b64encode(rng.raw(rng.pick([18, 24, 33]))).decode()
    if style == "cisco":
        return rng.hex(32, True)
    return rng.hex(32)


NONCE_STYLES = ["asterisk", "pjsip", "freeswitch", "kamailio", "iptel", "broadworks", "3cx",
                "b64", "cisco", "hex"]

DIGEST_USERS = [
    "o'brien", "d'angelo", "chris.o'neil", "kate.o'hara", "tim.o'reilly", "l'heureux",
    "o'malleys-pub", "n'diaye", "ng'ang'a", "alice", "bob", "1001", "2001", "100", "4471",
    "sales-desk", "jdoe", "orderdesk", "union.select", "dropzone", "exec.office", "table5",
    "+14155550123", "14155550134", "442079460123", "j.smith@example.com", "o'brien@example.com",
    "alice@atlanta.example.com", "front desk", "Doe, Jane", "kids' room",
]


@section("Authorization / Proxy-Authorization: Digest (MD5, SHA-256, AKA), Bearer")
def s_auth(rng):
    out = []
    for i in range(120):
        h = rng.pick(["Authorization", "Authorization", "Proxy-Authorization"])
        user = rng.pick(DIGEST_USERS)
        style = rng.pick(NONCE_STYLES)
        realm = rng.pick(REG_DOMAINS + ["asterisk", "3CXPhoneSystem", "BroadWorks", "Huawei",
                                        "sip.example.com", "fritz.box", "O'Brien PBX"])
        dom = rng.pick(REG_DOMAINS)
        if h == "Authorization" and rng.chance(55):
            uri = "sip:" + rng.pick([dom, dom, ipv4(rng), ipv4(rng) + ":5060"])
        else:
            uri = "sip:%s@%s" % (rng.pick([ext(rng), e164(rng), rng.pick(PLAIN_USERS),
                                           rng.pick(APOS_USERS), rng.pick(ESC_USERS)]), dom)
        alg = rng.pick(["MD5", "MD5", "MD5", "SHA-256", "MD5-sess", '"MD5"', None])
        resp = rng.hex(64 if alg == "SHA-256" else 32)
        params = [("username", quote(user)), ("realm", quote(realm)),
                  ("nonce", quote(nonce(rng, style))), ("uri", quote(uri)),
                  ("response", quote(resp))]
        if alg:
            params.append(("algorithm", alg))
        if rng.chance(65) or (alg and "sess" in alg):
            params.append(("cnonce", quote(rng.pick([rng.hex(8), rng.hex(16), rng.hex(32),
                                                     b64url(rng.raw(12)), rng.uuid()]))))
            params.append(("qop", rng.pick(["auth", "auth", '"auth"'])))
            params.append(("nc", "%08x" % rng.rint(1, 40)))
        if rng.chance(40):
            params.append(("opaque", quote(rng.pick(["", rng.hex(16), rng.hex(32),
                                                     b64url(rng.raw(15))]))))
        order = rng.below(4)
        if order == 1:   # Yealink/Grandstream order
            keys = ["username", "realm", "nonce", "uri", "response", "algorithm", "cnonce",
                    "qop", "nc", "opaque"]
            params.sort(key=lambda kv: keys.index(kv[0]))
        elif order == 2:  # Linphone/belle-sip order
            keys = ["realm", "nonce", "algorithm", "opaque", "username", "uri", "response",
                    "cnonce", "nc", "qop"]
            params.sort(key=lambda kv: keys.index(kv[0]))
        elif order == 3:
            params = rng.shuffled(params)
        sep = rng.pick([", ", ", ", ",", ", "])
        out.append((h, "Digest " + sep.join("%s=%s" % kv for kv in params)))
    # IMS initial REGISTER: empty nonce and response (TS 24.229 5.1.1.2)
    for i in range(6):
        imsi = "310150" + rng.digits(9)
        realm = "ims.mnc150.mcc310.3gppnetwork.org"
        out.append(("Authorization", 'Digest username="%s@%s",realm="%s",uri="sip:%s",nonce="",'
                    'response=""' % (imsi, realm, realm, realm)))
        out.append(("Authorization", 'Digest username="%s@%s", realm="%s", nonce="%s", '
                    'uri="sip:%s", response="%s", algorithm=AKAv1-MD5, cnonce="%s", qop=auth, '
                    'nc=00000001' % (imsi, realm, realm, base64.b64encode(rng.raw(32)).decode(),
                                     realm, rng.hex(32), rng.hex(16))))
    for i in range(6):  # RFC 8898 SIP OAuth
        h, p, s, x = jwt(rng)
        out.append(("Authorization", "Bearer %s.%s.%s" % (h, p, s)))
    return out


@section("Diversion (RFC 5806)")
def s_diversion(rng):
    out = []
    for i in range(60):
        d = rng.pick([None, None] + APOS_LAST + SQL_NAMES[:60] + UTF8_NAMES[:20] + FIRST)
        uri = tel_uri(rng) if rng.chance(20) else sip_uri(rng, h=rng.pick(DOMAINS))
        v = ("%s <%s>" % (quote(d), uri)) if d else "<%s>" % uri
        v += ";reason=%s" % rng.pick(DIV_REASONS)
        if rng.chance(85):
            v += ";counter=%d" % rng.rint(1, 3)
        if rng.chance(60):
            v += ";privacy=%s" % rng.pick(["off", "off", "full", "name", "uri"])
        if rng.chance(30):
            v += ";screen=%s" % rng.pick(["no", "yes"])
        if rng.chance(10):
            v += ';diversion-limit=5;diversion-reason="%s"' % rng.pick(["Do not disturb", "It's after hours"])
        out.append(("Diversion", v))
    out.append(("Diversion", "<sip:+14155550123@example.com;user=phone>;reason=unconditional;counter=1;privacy=off"))
    out.append(("Diversion", "<sip:2001@pbx.example.org>;reason=no-answer;counter=1, "
                "<sip:2002@pbx.example.org>;reason=user-busy;counter=1"))
    return out


def reason_esc(rng):
    k = rng.below(6)
    if k == 0:
        c, t = rng.pick(SIPCAUSE)
        return "SIP%%3Bcause%%3D%d" % c
    if k == 1:
        c, t = rng.pick(SIPCAUSE)
        return "SIP%%3Bcause%%3D%d%%3Btext%%3D%%22%s%%22" % (c, t.replace(" ", "%20").replace("/", "%2F"))
    if k == 2:
        c, t, f = rng.pick(Q850)
        return "Q.850%%3Bcause%%3D%d" % c
    if k == 3:
        c, t, f = rng.pick(Q850)
        return ("Q.850%%3Bcause%%3D%d%%3Btext%%3D%%22%s%%22"
                % (c, t.replace(" ", "%20").replace(",", "%2C").replace("(", "%28").replace(")", "%29").replace("/", "%2F")))
    if k == 4:
        return "SIP%3Bcause%3D486%3Btext%3D%22User%27s%20line%20busy%22"
    return "SIP%3Bcause%3D302"


@section("History-Info (RFC 7044) with escaped Reason in URI headers")
def s_history(rng):
    out = [
        ("History-Info", "<sip:bob@example.com>;index=1"),
        ("History-Info", "<sip:office@example.com?Reason=SIP%3Bcause%3D302>;index=1.1;rc=1"),
        ("History-Info", "<sip:office@example.com?Reason=SIP%3Bcause%3D302%3Btext%3D%22Moved%20Temporarily%22>;index=1.1"),
        ("History-Info", "<sip:+15551234567@example.com;user=phone?Privacy=history&Reason=SIP%3Bcause%3D486>;index=1.2;rc=1.1"),
        ("History-Info", "<sip:voicemail@example.com;target=sip:bob%40example.com;cause=486>;index=1.2;mp=1"),
        ("History-Info", "<sip:alice@example.com>;index=1,<sip:bob@example.com?Reason=SIP%3Bcause%3D480>;index=1.1,<sip:bob@192.0.2.5>;index=1.1.1;rc=1.1"),
        ("History-Info", '"O\'Brien\'s Shop #12" <sip:+14155550112@example.com;user=phone>;index=1'),
        ("History-Info", "<sip:bob@example.com?Reason=Q.850%3Bcause%3D17%3Btext%3D%22User%20busy%22>;index=1.1"),
        ("History-Info", "<sip:2001@pbx.example.org?Reason=SIP%3Bcause%3D486%3Btext%3D%22User%27s%20line%20busy%22>;index=1.1;np=1"),
    ]
    for i in range(55):
        n = rng.rint(1, 4)
        parts = []
        idx = ["1"]
        for j in range(n):
            u = sip_uri(rng, h=rng.pick(DOMAINS)) if rng.chance(85) else tel_uri(rng)
            hdrs = []
            if j < n - 1 or rng.chance(30):
                if rng.chance(20) and not u.startswith("tel:"):
                    hdrs.append("Privacy=history")
                hdrs.append("Reason=" + reason_esc(rng))
            if hdrs and not u.startswith("tel:"):
                u += "?" + "&".join(hdrs)
            ix = ".".join(idx)
            p = ";index=%s" % ix
            if j > 0:
                p += rng.pick([";rc=%s" % ".".join(idx[:-1]), ";mp=%s" % ".".join(idx[:-1]), ""])
            d = quote(rng.pick(APOS_LAST + SQL_NAMES[:50])) + " " if rng.chance(15) else ""
            parts.append("%s<%s>%s" % (d, u, p))
            idx.append("1")
        out.append(("History-Info", rng.pick([",", ", "]).join(parts)))
    return out


@section("Refer-To / Referred-By (RFC 3515, 3891, 3892)")
def s_refer(rng):
    out = []
    for i in range(45):
        u = sip_uri(rng, h=rng.pick(DOMAINS + [ipv4(rng)]))
        k = rng.below(5)
        if k == 0:
            cid = rng.pick(["%s@%s" % (rng.hex(32), ipv4(rng)), rng.uuid(), "%s-%s@%s" % (
                rng.hex(8), rng.hex(8), rng.pick(DOMAINS))])
            u += "?Replaces=%s%%3Bto-tag%%3D%s%%3Bfrom-tag%%3D%s" % (cid.replace("@", "%40"), tag(rng), tag(rng))
        elif k == 1:
            u += "?Replaces=%s%%3Bto-tag%%3D%s%%3Bfrom-tag%%3D%s&Require=replaces" % (
                rng.uuid(), tag(rng), tag(rng))
        elif k == 2:
            u += "?Referred-By=%%3Csip%%3A%s%%40%s%%3E" % (rng.pick(PLAIN_USERS + ["o%27brien"]), rng.pick(DOMAINS))
        v = "<%s>" % u
        if rng.chance(20):
            v = quote(rng.pick(APOS_LAST + SQL_NAMES[:50] + FIRST)) + " " + v
        out.append(("Refer-To", v))
    out.append(("Refer-To", "<sip:carol@example.com?Replaces=a84b4c76e66710%40pc33.example.com%3Bto-tag%3D1928301774%3Bfrom-tag%3D314159>"))
    out.append(("Refer-To", "sip:carol@example.com"))
    for i in range(25):
        v = "<%s>" % sip_uri(rng, h=rng.pick(DOMAINS))
        if rng.chance(50):
            v = quote(rng.pick(APOS_LAST + SQL_NAMES[:50] + UTF8_NAMES[:10])) + " " + v
        if rng.chance(15):
            v += ';cid="%s@%s"' % (rng.hex(16), rng.pick(DOMAINS))
        out.append(("Referred-By", v))
    return out


@section("Call-Info and Alert-Info")
def s_callinfo(rng):
    out = [
        ("Call-Info", "<https://www.example.com/alice/photo.jpg>;purpose=icon"),
        ("Call-Info", "<http://www.example.com/alice/>;purpose=info"),
        ("Call-Info", "<http://www.example.com/O'Brien/photo.png>;purpose=icon"),
        ("Call-Info", "<https://cdn.example.com/avatars/123.png?size=64&fmt=png>;purpose=icon"),
        ("Call-Info", "<sip:192.0.2.1:5060>;method=\"NOTIFY;Event=telephone-event;Duration=500\""),
        ("Call-Info", "<sip:example.com>;answer-after=0"),
        ("Call-Info", "<sip:pbx.example.org>;appearance-index=1"),
        ("Call-Info", "<sip:pbx.example.org>;appearance-index=2;appearance-state=active"),
        ("Call-Info", "<urn:x-cisco-remotecc:callinfo>;x-cisco-video-traffic-class=DESKTOP"),
        ("Call-Info", "<sip:broadworks.example.net>;purpose=call-completion;m=BS"),
        ("Call-Info", "<sip:192.0.2.10>;answer-after=0;info=alert-autoanswer"),
        ("Call-Info", "<https://crm.example.com/contact?id=4471&name=O%27Brien>;purpose=info"),
        ("Call-Info", "<https://www.example.com/card/doe-jane.vcf>;purpose=card"),
        ("Call-Info", "<http://wwww.example.com/alice/photo.jpg>;purpose=icon,<http://www.example.com/alice/>;purpose=info"),
        ("Call-Info", "<https://cdn.example.net/jcard/4471.json>;purpose=jcard;call-reason=\"Order #4471 -- don't drop\""),
        ("Call-Info", "<https://rcd.example.org/logo/obriens-shop-12.png>;purpose=icon"),
        ("Call-Info", "<sip:conf-4711@mcu.example.com>;purpose=info;isfocus"),
        ("Alert-Info", "<http://127.0.0.1/Bellcore-dr2>"),
        ("Alert-Info", "<urn:alert:service:call-waiting>"),
        ("Alert-Info", "<urn:alert:tone:internal>"),
        ("Alert-Info", "<urn:alert:source:external>"),
        ("Alert-Info", "<urn:alert:priority:high>"),
        ("Alert-Info", "<urn:alert:service:forward>"),
        ("Alert-Info", "<http://www.notused.com>;info=alert-autoanswer;delay=0"),
        ("Alert-Info", "<http://example.com/sounds/ring.wav>"),
        ("Alert-Info", "<http://www.example.com/sounds/moo.wav>"),
        ("Alert-Info", "<file://Bellcore-dr4.wav>"),
        ("Alert-Info", "<http://127.0.0.1>;info=Bellcore-dr3"),
        ("Alert-Info", "<sip:pbx.example.org>;info=alert-group"),
        ("Alert-Info", "<urn:alert:service:call-waiting>, <urn:alert:tone:internal>"),
        ("Alert-Info", "info=alert-autoanswer"),
        ("Alert-Info", "Ring Answer"),
        ("Alert-Info", "<http://nowhere>;info=alert-internal;x-line-id=0"),
    ]
    for n in range(1, 9):
        out.append(("Alert-Info", "<http://127.0.0.1/Bellcore-dr%d>" % n))
        out.append(("Alert-Info", "<http://%s/Bellcore-dr%d>" % (ipv4(rng), n)))
    for i in range(20):
        who = rng.pick(APOS_USERS + PLAIN_USERS + [ext(rng)])
        out.append(("Call-Info", "<%s://%s/%s/%s.%s>;purpose=icon" % (
            rng.pick(["http", "https"]), rng.pick(DOMAINS), rng.pick(["photos", "avatars", "img/users"]),
            who, rng.pick(["jpg", "png"]))))
    return out


def grandstream_host(ip):
    return "".join("ABCDEFGHIJ"[int(c)] if c.isdigit() else c for c in ip)


@section("Call-ID: vendor formats")
def s_callid(rng):
    out = []
    for i in range(170):
        k = i % 20
        ip = ipv4(rng)
        if k == 0:
            v = "%s@%s:5060" % (rng.hex(32), ip)                       # Asterisk chan_sip
        elif k == 1:
            v = rng.uuid()                                              # res_pjsip, FreeSWITCH
        elif k == 2:
            v = "%s-%s-%s-%s@%s" % (rng.hex(8, True), rng.hex(8, True), rng.hex(8, True),
                                    rng.hex(8, True), ip)              # Cisco IOS
        elif k == 3:
            v = "%s-%s-%s-%s@%s" % (rng.hex(8), rng.hex(8), rng.hex(8), rng.hex(8), ip)  # Cisco phones
        elif k == 4:
            v = "%s-%s-%s@%s" % (rng.hex(8), rng.hex(8), rng.hex(8), ip)  # Polycom
        elif k == 5:
            v = "0_%d@%s" % (rng.rint(100000000, 4294967295), ip)      # Yealink
        elif k == 6:
            v = "%d-%d-%d@%s" % (rng.rint(100000000, 2147483647), rng.pick([5060, 5062, 5064]),
                                 rng.rint(1, 30), grandstream_host(ip))  # Grandstream
        elif k == 7:
            v = "%s-%s" % (rng.hex(12), rng.chars("abcdefghijklmnopqrstuvwxyz0123456789", 12))  # snom
        elif k == 8:
            v = base64.b64encode(rng.hex(32).encode()).decode().replace("=", ".")  # Bria, Zoiper
        elif k == 9:
            v = rng.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-~_",
                          rng.rint(10, 16))                             # belle-sip
        elif k == 10:
            v = "BW%s%s-%d@%s" % (rng.digits(9), rng.digits(9), rng.rint(100000000, 2147483647), ip)
        elif k == 11:
            v = "SD%s-%s-v%di%d" % (rng.hex(7), rng.hex(32), rng.rint(300, 3000), rng.rint(0, 9))
        elif k == 12:
            v = "%s-0-%s-%d-%s-%s-%s" % (rng.hex(6), rng.hex(4), rng.rint(10000, 99999),
                                        rng.hex(5), rng.hex(8), rng.hex(5))  # Sonus/Ribbon
        elif k == 13:
            v = "%s@%s" % (rng.digits(22), ip)                          # AudioCodes
        elif k == 14:
            v = "%s@0.0.0.0" % rng.hex(32)                              # Twilio
        elif k == 15:
            v = rng.hex(32)                                             # Teams, 3CX
        elif k == 16:
            v = "%s--%s" % (rng.uuid(), rng.pick(["b2b-1", "leg2", "b2bua_%d" % rng.rint(1, 9),
                                                  "1", "out"]))         # B2BUA-derived
        elif k == 17:
            v = "%s-%s--%s@%s" % (rng.hex(4), rng.hex(4), rng.hex(8), rng.pick(DOMAINS))
        elif k == 18:
            v = "%s@%s" % (rng.uuid(True), rng.pick(["[%s]" % ipv6(rng), ip, rng.pick(DOMAINS)]))
        else:
            v = "%d-%d@%s" % (rng.rint(1, 99999), rng.rint(1000000000, 1999999999),
                              rng.pick([ip, "[%s]" % ipv6(rng), rng.pick(DOMAINS)]))
        out.append(("Call-ID", v))
    # RFC 3261 "word" allows these characters; RFC 4475 exercises them
    out += [
        ("Call-ID", "intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{"),
        ("Call-ID", "3d9485ad0c49859b@Zmx1ZmZ5LW1hYy0xNi5sb2NhbA.."),
        ("Call-ID", "o'brien-4471@pbx.example.com"),
        ("Call-ID", "SSG9559905523997077@hlau_4100"),
        ("Call-ID", "1-1966@10.0.2.20"),
        ("Call-ID", "c15740-ae78e54-13c4-38-3e10ffda-38"),
        ("Call-ID", "reg-id-102-phone-a849f1"),
        ("Call-ID", "[2001:db8::10]-call-17"),
    ]
    return out


def branch(rng):
    k = rng.below(16)
    if k == 0:
        return "z9hG4bK-524287-1---%s" % rng.chars("abcdefghijklmnopqrstuvwxyz0123456789", 16)  # Bria
    if k == 1:
        return "z9hG4bK-d8754z-%s-1---d8754z-" % rng.hex(16)       # Zoiper / X-Lite 4
    if k == 2:
        return "z9hG4bK-d87543-%s-1--d87543-" % rng.hex(16)        # eyeBeam
    if k == 3:
        return "z9hG4bKPj%s" % rng.uuid()                          # PJSIP
    if k == 4:
        return "z9hG4bK%s" % rng.hex(8)                            # chan_sip
    if k == 5:
        return "z9hG4bK%s" % rng.alnum(13)                         # FreeSWITCH
    if k == 6:
        return "z9hG4bK%s.%s.0" % (rng.hex(4), rng.hex(32))        # Kamailio stateful
    if k == 7:
        return "z9hG4bK%d" % rng.rint(100000000, 2147483647)       # Yealink, Grandstream
    if k == 8:
        return "z9hG4bK%s%s" % (rng.hex(8, True), rng.hex(8, True))  # Polycom
    if k == 9:
        return "z9hG4bK.%s" % rng.alnum(9)                         # belle-sip
    if k == 10:
        return "z9hG4bK%s" % rng.hex(8, True)                      # Cisco
    if k == 11:
        return "z9hG4bK%s.%s.0" % (rng.hex(3), rng.hex(8))         # OpenSIPS
    if k == 12:
        return "z9hG4bK%s" % rng.hex(20)                           # Sonus, Acme
    if k == 13:
        return "z9hG4bK-%s-%s" % (rng.hex(6), rng.hex(8))
    if k == 14:
        return "z9hG4bK%s" % rng.alnum(15)
    return "z9hG4bK%s;i=%d" % (rng.hex(12), rng.rint(1, 9))


def via_one(rng, transport=None):
    t = transport or rng.pick(["UDP"] * 6 + ["TCP", "TLS", "WSS", "WS"])
    if t in ("WS", "WSS") and rng.chance(60):
        sb = rng.chars("abcdefghijklmnopqrstuvwxyz0123456789", 12) + ".invalid"
    else:
        sb = hostport(rng, 15, 65, 75)
    v = "SIP/2.0/%s %s;branch=%s" % (t, sb, branch(rng))
    r = rng.below(6)
    if r == 0:
        v += ";rport"
    elif r == 1:
        v += ";rport=%d;received=%s" % (rng.rint(1024, 65000), ipv4(rng, True))
    elif r == 2:
        v += ";received=%s" % ipv4(rng, True)
    elif r == 3 and rng.chance(50):
        v = v.replace(";branch", ";rport;branch")
    if rng.chance(8):
        v += ";alias"
    if rng.chance(5):
        v += ";keep"
    return v


@section("Via: transports, branches of many vendors, rport/received, several hops")
def s_via(rng):
    out = []
    for i in range(120):
        out.append(("Via", via_one(rng, "UDP" if i % 3 == 0 else None)))
    for i in range(30):
        hops = [via_one(rng, "UDP")] + [via_one(rng) for _ in range(rng.rint(1, 3))]
        out.append(("Via", rng.pick([",", ", "]).join(hops)))
    out.append(("Via", "SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-524287-1---i9aif7pifkudxkd8"))
    out.append(("Via", "SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-524287-1---i9aif7pifkudxkd8;rport"))
    out.append(("Via", "SIP/2.0/TCP [2001:db8::9:255];branch=z9hG4bK451jj;received=192.0.2.200"))
    out.append(("Via", "SIP/2.0/UDP 10.0.0.5:5060 ;branch=z9hG4bK776asdhds ;rport"))
    out.append(("Via", "SIP/2.0/UDP host1.example.com;branch=z9hG4bK-.!%66*_+`'~"))
    return out


@section("Record-Route / Route: ;lr;ftag;did, double RR, topology hiding")
def s_rr(rng):
    out = []
    for i in range(90):
        h = rng.pick(["Record-Route", "Route"])
        n = rng.rint(1, 3)
        parts = []
        for j in range(n):
            k = rng.below(7)
            hp = hostport(rng, 12, 60, 40)
            if k == 0:
                p = "<sip:%s;lr;ftag=%s;did=%s.%s>" % (hp, tag(rng), rng.hex(3), rng.hex(8))
            elif k == 1:
                p = "<sip:%s;r2=on;lr;ftag=%s;nat=yes>" % (hp, tag(rng))
            elif k == 2:
                p = "<sip:%s;lr>" % hp
            elif k == 3:
                p = "<sip:%s;transport=%s;lr>" % (hp, rng.pick(["udp", "tcp", "tls"]))
            elif k == 4:
                p = "<sip:%s;lr;ftag=%s;did=%s.%s;vsf=%s--;vst=%s--;nat=yes>" % (
                    hp, tag(rng), rng.hex(3), rng.hex(8), b64url(rng.raw(rng.pick([33, 45]))),
                    b64url(rng.raw(30)))
            elif k == 5:
                p = "<sip:atpsh-%s-%s-%d@%s;lr>" % (rng.hex(8), rng.hex(4), rng.rint(1, 9), hp)
            else:
                p = "<sip:%s;ftag=%s;lr=on>" % (hp, tag(rng))
            parts.append(p)
        out.append((h, rng.pick([",", ", "]).join(parts)))
    out += [
        ("Record-Route", "<sip:213.192.59.75;ftag=420976BC-4DB7D064000EE90C-B692BBB0;avp=Ak8DCQBkaWFsb2dfaWQWADc5MGUtNGRhMjBiY2YtMTJjNzNhYTkTBwBhY2NvdW50AwB5ZXM;lr=on>"),
        ("Record-Route", "<sip:sip-du-a-us.pstnhub.microsoft.com:5061;transport=tls;lr>"),
        ("Record-Route", "<sip:edge.example.com:5061;transport=tls;opaque=state:T;lr>"),
        ("Record-Route", "<sips:proxy.example.org:5061;transport=tls;lr>"),
        ("Route", "<sip:10.0.0.1:5060;lr>,<sip:10.0.0.2:5060;lr>"),
        ("Route", "<sip:pcscf.ims.mnc150.mcc310.3gppnetwork.org:5060;lr>"),
        ("Record-Route", "<sip:192.0.2.1;lr;ftag=a73kszlfl;did=9b1.e9c2>"),
        ("Record-Route", "<sip:UserB@example.com;maddr=ss1.example.com>"),
    ]
    return out


@section("Contact: registrations, GRUU/outbound, feature tags, WebRTC, several")
def s_contact(rng):
    out = []
    for i in range(110):
        user = user_part(rng, (55, 20, 12, 8, 5))[0]
        k = rng.below(10)
        hp = hostport(rng, 15, 85, 85)
        if k == 0:
            v = "<sip:%s@%s>;expires=%d" % (user, hp, rng.pick([60, 120, 300, 600, 1800, 3600, 7200]))
        elif k == 1:
            v = '<sip:%s@%s;ob>;reg-id=1;+sip.instance="<urn:uuid:%s>"' % (user, hp, rng.uuid(rng.chance(50)))
        elif k == 2:
            v = '<sip:%s@%s;transport=udp>;+org.linphone.specs="groupchat/1.1,lime,ephemeral"' % (user, hp)
        elif k == 3:
            v = '<sip:%s@%s;line=%s>;reg-id=1;q=1.0;+sip.instance="<urn:uuid:%s>";audio;mobility="fixed";duplex="full";description="snom D785";actions="broadcast";events="dialog"' % (
                user, hp, rng.chars("abcdefghijklmnopqrstuvwxyz0123456789", 8), rng.uuid())
        elif k == 4:
            v = '<sip:%s@%s;transport=ws>;+sip.ice;reg-id=1;+sip.instance="<urn:uuid:%s>";expires=600' % (
                rng.chars("abcdefghijklmnopqrstuvwxyz0123456789", 8),
                rng.chars("abcdefghijklmnopqrstuvwxyz0123456789", 12) + ".invalid", rng.uuid())
        elif k == 5:
            v = '<sip:%s@%s>;+g.3gpp.icsi-ref="urn%%3Aurn-7%%3A3gpp-service.ims.icsi.mmtel";+g.3gpp.smsip;audio;video' % (
                e164(rng), "[%s]:%d" % (ipv6(rng), rng.pick([5060, 5064, 6000])))
        elif k == 6:
            v = "<sip:%s@%s>;q=%s;expires=%d" % (user, hp, rng.pick(["0.5", "1.0", "0.9", "0.1"]),
                                                 rng.pick([600, 1200, 3600]))
        elif k == 7:
            v = '%s <sip:%s@%s;transport=%s>' % (quote(rng.pick(APOS_LAST + SQL_NAMES[:40] + FIRST)), user, hp,
                                                 rng.pick(["udp", "tcp", "tls"]))
        elif k == 8:
            v = ('<sip:%s@%s;gr=urn:uuid:%s>;methods="INVITE, ACK, CANCEL, BYE, REFER, NOTIFY, OPTIONS"'
                 % (user, rng.pick(DOMAINS), rng.uuid()))
        else:
            v = "<sip:%s@%s>;expires=3600, <sip:%s@%s>;expires=3600;q=0.5" % (
                user, hp, user, hostport(rng, 0, 100, 100))
        out.append(("Contact", v))
    out += [
        ("Contact", "*"),
        ("Contact", "<sip:voi18063@192.168.1.2:5060;line=9c7d2dbd8822013c>;expires=1200;q=0.500"),
        ("Contact", '"2503" <sip:2503@192.168.105.110:5060>;expires=3600;q=1.0'),
        ("Contact", '"T. desk phone" <sip:ted@[::ffff:192.0.2.2]>'),
        ("Contact", "<sip:shawn.lipman@198.51.100.250:5061;LINEID=bf07b2caa09525f72d4364642a0e287d>"),
        ("Contact", "sip:+19725552222@gw1.example.net;unknownparam"),
        ("Contact", '<sip:1001@203.0.113.5:5060>;+sip.instance="<urn:uuid:00000000-0000-1000-8000-000B82AABBCC>";reg-id=1'),
        ("Contact", "<sip:o'brien@198.51.100.23:5060;transport=udp>;expires=3600"),
        ("Contact", "<sip:john%27s@198.51.100.23:5060>"),
        ("Contact", '<sip:alice@192.0.2.10:5060>;+sip.instance="<urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6>";+g.oma.sip-im;audio'),
    ]
    return out


# --------------------------------------------------------------------------
# User-Agent / Server
# --------------------------------------------------------------------------

def ua_list(rng):
    ua = []
    yl = [("SIP-T19P_E2", 53), ("SIP-T21P_E2", 52), ("SIP-T23G", 44), ("SIP-T27G", 69),
          ("SIP-T29G", 46), ("SIP-T40G", 76), ("SIP-T41S", 66), ("SIP-T42S", 66), ("SIP-T46S", 66),
          ("SIP-T48S", 66), ("SIP-T53W", 96), ("SIP-T54W", 96), ("SIP-T57W", 96), ("SIP-T43U", 108),
          ("SIP-T46U", 108), ("SIP-T48U", 108), ("SIP-T31P", 124), ("SIP-T33G", 124),
          ("W60B", 77), ("W70B", 146), ("W52P", 25), ("SIP-T58", 58), ("CP920", 78)]
    for m, fw in yl:
        for _ in range(3):
            ua.append("Yealink %s %d.%d.0.%d" % (m, fw, rng.pick([83, 84, 85, 86, 86, 86]), rng.rint(5, 160)))
    ua.append("Yealink SIP-T46S 66.86.0.15")
    for m in ["101", "201", "300", "301", "310", "311", "400", "401", "410", "411", "450", "500",
              "501", "600", "601", "1500"]:
        v = rng.pick(["5.9.5.0614", "5.9.7.3480", "6.1.0.6189", "6.2.0.5134", "6.3.1.8427",
                      "6.4.3.5018", "6.4.5.1131", "5.8.0.13337"])
        ua.append("PolycomVVX-VVX_%s-UA/%s" % (m, v))
        if rng.chance(40):
            ua.append("Polycom/%s PolycomVVX-VVX_%s-UA/%s" % (v, m, v))
    ua.append("PolycomVVX-VVX_411-UA/6.4.3.5018")
    for m in ["321", "331", "335", "450", "550", "560", "650", "670"]:
        v = rng.pick(["3.3.5.0247", "4.0.7.2514", "4.0.15.1009", "4.0.11.0448"])
        ua.append("PolycomSoundPointIP-SPIP_%s-UA/%s" % (m, v))
        ua.append("Polycom/%s PolycomSoundPointIP-SPIP_%s-UA/%s" % (v, m, v))
    for m in ["5000", "6000", "7000"]:
        ua.append("PolycomSoundStationIP-SSIP_%s-UA/4.0.%d.%04d" % (m, rng.rint(7, 15), rng.rint(100, 9999)))
    for m in ["400", "500", "600"]:
        ua.append("PolyCCX-CCX_%s-UA/7.%d.%d.%04d" % (m, rng.rint(0, 2), rng.rint(0, 3), rng.rint(1000, 9999)))
    gs = ["GXP1610", "GXP1615", "GXP1620", "GXP1625", "GXP1628", "GXP1630", "GXP2130", "GXP2135",
          "GXP2140", "GXP2160", "GXP2170", "GXP1400", "GXP1450", "GXP2200"]
    for m in gs:
        ua.append("Grandstream %s 1.0.%s" % (m, rng.pick(["11.23", "11.46", "11.64", "9.135", "4.140",
                                                          "8.56", "4.13", "3.27", "7.13"])))
    for m in ["GRP2601", "GRP2612", "GRP2613", "GRP2614", "GRP2615", "GRP2616", "GRP2670"]:
        ua.append("Grandstream %s 1.0.%s" % (m, rng.pick(["5.67", "7.31", "9.27", "13.21", "1.40"])))
    for m in ["HT801", "HT802", "HT812", "HT814", "HT818", "HT702", "HT701"]:
        ua.append("Grandstream %s 1.0.%s" % (m, rng.pick(["43.11", "39.4", "45.2", "27.2", "3.2", "17.5"])))
    for m in ["DP750", "DP752", "WP810", "WP820", "GXV3350", "GXV3370", "GXV3175v2"]:
        ua.append("Grandstream %s 1.0.%d.%d" % (m, rng.rint(1, 11), rng.rint(3, 80)))
    ua += ["Grandstream GXP2170 1.0.11.23", "Grandstream Wave 1.2.14", "Grandstream Wave Lite 1.0.3.9",
           "Grandstream HT-503  V1.1B 1.0.10.9  chip V2.2", "Grandstream HT-286  V1.1A 1.0.5.16  chip V2.1",
           "Grandstream gsmeeting/webrtc_chrome 77.0.3829.0"]
    for m in ["7811", "7821", "7841", "7861", "8811", "8841", "8845", "8851", "8861", "8865",
              "6821", "6841", "6851", "6861", "6871", "7832", "8832"]:
        ua.append("Cisco-CP%s/%s" % (m, rng.pick(["12.8.1", "14.1.1", "14.2.1", "11.3.1", "14.0.1", "12.5.1"])))
    ua += ["Cisco-CP8845/12.8.1", "Cisco/SPA504G-7.6.2e", "Cisco/SPA508G-7.5.7", "Cisco/SPA509G-7.6.2c",
           "Cisco/SPA525G2-7.6.2c", "Cisco/SPA303-7.6.2c", "Cisco/SPA112-1.4.1(SR5)",
           "Cisco/SPA122-1.4.1(SR5)", "Cisco/SPA112-1.3.5(004p)", "Cisco-SIPGateway/IOS-15.6.3.M6",
           "Cisco-SIPGateway/IOS-15.4.3.M3", "Cisco-SIPGateway/IOS-16.9.4", "Cisco-SIPGateway/IOS-16.12.4",
           "Cisco-SIPGateway/IOS-17.3.4a", "Cisco-SIPGateway/IOS-17.6.1a", "Cisco-SIPGateway/IOS-12.x",
           "Cisco-SIPGateway/IOS-15.x", "Cisco-SIPGateway/IOS-16.6.2", "Cisco-CUCM10.5", "Cisco-CUCM11.5",
           "Cisco-CUCM12.5", "Cisco-CUCM14.0", "Cisco-CP7960G/8.0", "Cisco-CP7965G/9.4",
           "Linksys/SPA942-6.1.5(a)", "Linksys/PAP2T-5.1.6(LS)", "Linksys/SPA3102-5.1.10(GW)",
           "Sipura/SPA2000-3.1.5(a)", "Sipura/SPA-3000-3.1.20(GW)"]
    ua += ["Linphone/5.0.14 (belle-sip/5.0.14)", "Linphone/3.6.1 (belle-sip/1.2.4)",
           "Linphone/3.12.0 (belle-sip/1.6.3)", "Linphone/4.2.5 (belle-sip/4.2.1)",
           "Linphone Desktop/5.0.16 (Ubuntu 22.04.1 LTS, Qt 5.15.2) LinphoneCore/5.1.72",
           "Linphone Desktop/4.4.10 (Windows 10 Version 2009, Qt 5.15.2) LinphoneCore/4.5.20",
           "Linphone Desktop/5.2.0 (macOS 13.4, Qt 5.15.2) LinphoneCore/5.3.0",
           "LinphoneAndroid/4.6.14 (Pixel 6) LinphoneSDK/5.1.67 (tags/5.1.67)",
           "LinphoneAndroid/5.0.10 (SM-G991B) LinphoneSDK/5.2.50 (tags/5.2.50)",
           "LinphoneiOS/4.6.2 (iPhone) LinphoneSDK/5.1.0", "LinphoneiPhone/4.4.6 (iPhone) LinphoneSDK/4.5.17",
           "Linphone/5.0 (belle-sip/5.0)", "liblinphone/5.2.0 (belle-sip/5.2.0)"]
    ua += ["Zoiper rv2.10.19.2", "Zoiper rv2.10.20.3", "Zoiper rv2.10.3.2", "Zoiper rv2.8.57",
           "Z 5.6.1 v2.10.18.4", "Z 5.5.12 rv2.10.16.5", "Z 5.4.12 v2.10.11.2", "Z 3.3.25608 r25552",
           "Z 3.15.40006 rv2.8.20", "Zoiper for Android rv2.10.19.7", "Zoiper rv2.10.x"]
    ua += ["MicroSIP/3.21.3", "MicroSIP/3.21.4", "MicroSIP/3.20.7", "MicroSIP/3.20.5", "MicroSIP/3.19.31",
           "MicroSIP/3.21.2-Lite", "MicroSIP/3.16.4"]
    ua += ["Bria 6 release 6.5.4 stamp 107722", "Bria 6 release 6.5.9 stamp 112380",
           "Bria 5 release 5.9.4 stamp 103839", "Bria 3 release 3.5.5 stamp 71243",
           "Bria iOS release 6.6.2 stamp 119238", "Bria iOS release 3.9.5 stamp 38501.38502",
           "Bria Android release 6.9.0 stamp 121450", "Bria Enterprise release 6.5.9 stamp 112380",
           "Bria Teams release 6.5.8 stamp 110987", "Bria Solo release 6.5.3 stamp 106969",
           "Bria iOS 3.1.1", "X-Lite release 5.8.3 stamp 102651", "X-Lite release 4.9.8 stamp 84253",
           "X-Lite release 1103m", "X-Lite release 1105x stamp 56125", "X-Lite release 3.0 build 41150",
           "eyeBeam release 1011d stamp 40820", "eyeBeam release 3015c stamp 27107",
           "Counterpath X-Lite 4 release 4.1 stamp 63214"]
    for m in ["D785", "D735", "D717", "D715", "D712", "D345", "D385", "D120", "D865", "D713", "D140"]:
        ua.append("snom%s/10.1.%d.%d" % (m, rng.rint(39, 184), rng.rint(1, 20)))
    ua += ["snomD785/10.1.84.12", "snomD120/10.1.39.11", "snom D785/10.1.73.16", "snom320/8.7.3.25",
           "snom360/8.4.35", "snom370/8.7.5.35", "snom760/8.7.5.35", "snom821/8.7.5.35",
           "snom870/8.7.5.35", "snomPA1/8.7.5.17", "snom-m700/06.15 B0001", "snomMeetingPoint/8.7.5.35"]
    ua += ["Fanvil X6U 2.12.4 0c383e2fa31b", "Fanvil X303 2.12.18.9 0c383e63963b",
           "Fanvil X4U 2.12.1.31 0c383e1a2b3c", "Fanvil X3S 2.4.1 0c383e9d0e1f", "Fanvil i16SV 2.4.0",
           "Fanvil X7 2.10.2.6887 0c383e45ab12", "Fanvil X5U 2.12.16.2 0c383e7f6e5d",
           "Fanvil X6U 2.6.0.6926 0c383e0a0b0c", "Fanvil X210 2.12.8 0c383e33aa44"]
    ua += ["OBIHAI/OBi202-3.2.2.5921", "OBIHAI/OBi200-3.2.2.5898EX", "OBIHAI/OBi110-1.3.0.2886",
           "OBIHAI/OBi1062-5.1.11.6284", "OBIHAI/OBi302-3.2.2.5921", "OBIHAI/OBi212-3.2.2.5921",
           "OBIHAI/OBi2182-6.0.5.6718"]
    ua += ["Avaya one-X Deskphone", "Avaya one-X Deskphone 7.1.9.0.8",
           "Avaya SIP R2.2 Endpoint Brcm Callctrl/1.5.1.0 MxSF/v3.2.6.26", "Avaya CM/R018x.01.0.890.0",
           "AVAYA-SM-7.1.2.0.712004", "AVAYA-SM-8.1.3.0.813014", "IP Office 11.0.4.7.0 build 5",
           "IP Office 9.1.0.0 build 437", "Avaya IX Workplace/3.20.0.53.9 (Windows 10; x64)",
           "Avaya J179 4.0.13.0.6"]
    ua += ["Aastra 6757i/3.3.1.4322", "Aastra 6731i/3.3.1.2235", "Aastra 57i/3.3.1.4322",
           "Aastra 57iCT/2.6.0.1008", "Aastra 55i/2.6.0.1008", "Aastra 6739i/3.3.1.8144",
           "Aastra 6865i/4.2.0.2023", "Aastra 6867i/4.3.0.2036", "Mitel 6867i/5.1.0.1024",
           "Mitel 6869i/6.0.0.2034", "Mitel 6865i/5.1.0.1024", "Mitel 6920/6.1.0.1028",
           "Mitel 6930/6.3.0.1020", "Mitel 6873i/5.1.1.2031"]
    ua += ["Panasonic-KX-UT136/01.133 (0080f0c4a1b2)", "Panasonic_KX-UT670/01.020 (0080f0d2e3f4)",
           "Panasonic-KX-HDV130/04.102 (0080f0a1b2c3)", "Panasonic_KX-TGP600/12.104 (0080f0cd1234)",
           "Panasonic-KX-HDV230/02.200 (0080f0ee55aa)", "Panasonic-KX-NS1000/007.30014",
           "Panasonic_KX-TGP550T04/31.123 (0080f0778899)"]
    ua += ["Gigaset N510 IP PRO/42.250.00.000.000", "Gigaset N720 DM PRO/70.103.00.000.000",
           "Gigaset C430 IP/42.272.00.000.000", "Gigaset N870 IP PRO/83.V2.13.0+build.a546a5a;7C2F80E0F443",
           "Gigaset A690 IP/42.268.00.000.000", "Gigaset N300 IP/42.236.00.000.000",
           "Gigaset Maxwell 10/2.29.2", "Gigaset DE900 IP PRO/1.1.7.7"]
    ua += ["AVM FRITZ!Box 7590 154.07.29 (Dec  7 2021)", "AVM FRITZ!Box 7530 AX 164.07.57 (Sep  5 2023)",
           "AVM FRITZ!Box 7490 113.07.29 (Nov 23 2021)", "AVM FRITZ!Box 7590 AX 168.07.57 (Aug 23 2023)",
           "AVM FRITZ!Box 6660 Cable 163.07.57 (Sep 11 2023)", "AVM FRITZ!Box Fon WLAN 7390 84.06.87 (Nov 12 2019)",
           "AVM FRITZ!Box 7590 154.07.21 (Sep 23 2020)", "AVM FRITZ!Box 7520 164.07.29 (Dec  1 2021)",
           "FRITZ!App Fon/2.9.1 (Android 13)"]
    for v in ["18.12.1", "18.20.0", "20.5.0", "20.7.0", "16.30.0~dfsg-1", "13.18.3~dfsg-1ubuntu4",
              "11.25.3", "1.8.32.3", "certified/18.9-cert5", "certified-20.7-cert1", "21.2.0",
              "22.0.0-rc1", "18.x", "20.x", "GIT-master-3e6c2a1"]:
        ua.append("Asterisk PBX " + v)
    ua += ["Asterisk PBX", "FPBX-16.0.40.7(18.20.0)", "FPBX-15.0.37.4(16.28.0)",
           "FPBX-14.0.13.23(13.22.0)", "FPBX-17.0.19.1(21.4.1)"]
    for v in ["1.10.10-release~64bit", "1.10.9-release~64bit", "1.10.7-release-19-883d2cb662~64bit",
              "1.10.7-dev+git~20210325T155256Z~67cec5c3e8~64bit", "1.6.20~64bit", "1.8.7~64bit",
              "1.6.12-20-b91a0a6~64bit", "1.10.11-release~64bit", "1.10.3-release~64bit",
              "1.10.12-release~64bit", "1.4.26~64bit", "1.10.x"]:
        ua.append("FreeSWITCH-mod_sofia/" + v)
    for v in ["5.3.9", "5.4.8", "5.5.6", "5.6.4", "5.6.6", "5.7.3", "5.7.4", "5.8.1", "4.4.7", "5.6.x"]:
        ua.append("kamailio (%s (%s/linux))" % (v, rng.pick(["x86_64", "x86_64", "aarch64", "i386"])))
    ua.append("Kamailio (5.6.4 (x86_64/linux))")
    for v in ["3.2.12", "3.1.8", "3.3.6", "3.4.3", "2.4.11", "3.2.x"]:
        ua.append("OpenSIPS (%s (%s/linux))" % (v, rng.pick(["x86_64", "x86_64", "aarch64"])))
    ua += ["ser (3.2.0-dev2 (i386/linux))", "Sip EXpress router (0.8.12 (i386/linux))",
           "Sip Express Media Server (1.1.1-aefe2 (x86_64/linux))", "SEMS 1.6.0 (x86_64/linux)"]
    ua += ["3CXPhoneSystem 18.0.9.20 (20)", "3CXPhoneSystem 18.0.8.932 (870)", "3CXPhoneSystem 16.0.8.9 (9)",
           "3CXPhoneSystem 20.0.1.1130 (1130)", "3CX Phone System 16.0.7.1078", "3CXPhone 6.0.26523.0",
           "3CXPhone for Windows 16.3.0.331", "3CX Phone System"]
    ua += ["Twilio Gateway", "Twilio Gateway/1.0", "Vonage", "Vonage SIP Gateway",
           "Telnyx SIP Proxy", "telnyx-sbc", "Ooma Telo", "Ooma/OOMA-TELO-11.0.1",
           "Sonus_UAC", "Sonus SBC", "Ribbon SBC Edge 9.0.4", "Ribbon SBC SWe 11.1.0",
           "Mediant SW/v.7.20A.258.459", "Mediant 1000 - MSBR/v.6.60A.323.004",
           "Mediant 800B/v.7.20A.256.713", "Mediant VE SBC/v.7.40A.500.475",
           "AudioCodes-Sip-Gateway-MP-114 FXS/v.6.60A.337.004", "Acme Packet Net-Net 4500 SCX6.4.0",
           "Oracle Communications Session Border Controller 9.0", "Metaswitch CFS 9.6",
           "Accession Communicator for Windows 2.31.10", "BroadWorks", "BroadWorks/R24",
           "BroadTouch Business Communicator Desktop - 22.9.27.45",
           "Microsoft.PSTNHub.SIPProxy v.2020.5.27.2 i.ASEA.5", "Microsoft.PSTNHub.SIPProxy v.2020.7.31.1 i.USWE2.3",
           "Zoom Phone", "ZoomPhone/5.16.10 (Windows)", "RingCentral Phone 22.2.0 (Mac OS X)",
           "RingCentral/23.3.20 (Windows 10)", "Jitsi2.10.5550Windows 10", "Jitsi2.11.20200408Linux",
           "Jitsi2.10.5550Mac OS X", "Jitsi2.2.4603.9615Linux", "Blink Pro 4.6.0 (MacOSX)",
           "Blink 5.1.7 (Linux)", "Blink 3.2.0 (Windows)", "Sipdroid/4.4 beta/Nexus 5",
           "Sipdroid/3.6 beta/GT-I9100", "Sipdroid/2.9 beta/sdk", "CSipSimple_hammerhead-19/r2457",
           "CSipSimple_GT-I9300-18/r2457", "Acrobits SIPIS", "Acrobits Softphone/6.1.6",
           "Groundwire/6.2.2", "Groundwire iOS/5.15.4", "Cloud Softphone/5.16.1 (Android 12)",
           "PortSIP VoIP SDK 11.2", "PortSIP VoIP SDK 16.5", "PortSIP VoIP SDK", "PortSIP PBX 16.2.0.1302",
           "sipcmd/0.1", "PJSUA v2.13 Linux-5.15.0.91/x86_64/glibc-2.35", "PJSUA v2.10-dev Darwin-19.6.0/x86_64",
           "PJSUA v2.12.1 Windows-10.0/x86_64", "Telephone 1.6", "Ekiga/4.0.1", "Ekiga/3.2.0",
           "Twinkle/1.10.3", "Twinkle/1.4.2", "SJphone/1.65.377a (SJ Labs)", "baresip v2.9.0 (x86_64/linux)",
           "baresip v1.0.0 (arm/linux)", "JsSIP 3.10.0", "JsSIP 3.3.11", "SIP.js/0.21.2", "SIP.js/0.7.8",
           "sipML5-v1.2016.03.04", "Doubango/2.0.1", "LifeSize Room_220/LS_RM2_4.7.10 (14)",
           "Nero SIPPS IP Phone Version 2.0.51.16", "Pingtel/2.0.0 (WinNT)", "SIPimp.org/0.2.5 (curses)",
           "Arcor/Arcor-1.02.005t2", "Brekeke OnDO SIP Server (1.2.4.3/144)", "Cirpack/v4.38e (gw_sip)",
           "Huawei SoftX3000 V300R011", "SIParator/5.0.11",
           "innovaphone-IP232/12r2 sr18 [127134]/innovaphone-IP232",
           "Patton SN4112/JS/EUI R6.11 2018-08-24 H323 SIP FXS FXO",
           "Patton SN4970/4E30V/EUI R6.T 2023-05-16 SIP M5T SIP Stack/4.2.2.10",
           "OpenScape Desk Phone CP600 V1 R7.3.0 SIP  220308", "Htek UC926 2.0.4.6.41",
           "Sangoma S505 2.0.4.80", "Akuvox R20A 220.30.2.10", "2N Helios IP Verso/2.35.0.51.2",
           "Thomson ST2030 hw2 fw1.69", "Samsung IMS 6.0", "Samsung IMS 5.0", "iOS/17.1.2 (21B101) iPhone",
           "Alcatel-Lucent 8068s Premium Deskphone 5.2.0.2007", "Spectralink 8440/4.12.0.7100",
           "Wildix W-AIR 3.5.1", "Vodia PBX/69.3.2", "Yeastar P-Series 37.12.0.28",
           "SIP IP-DECT gateway, NEC Philips Unified Solutions",
           "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
           "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15",
           "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0"]
    for i in range(8):
        ua.append("Microsoft.PSTNHub.SIPProxy v.%d.%d.%d.%d i.%s.%d" % (
            rng.rint(2021, 2024), rng.rint(1, 12), rng.rint(1, 28), rng.rint(1, 9),
            rng.pick(["EUNO", "EUWE", "USEA", "USWE2", "ASEA", "AUEA", "USCE"]), rng.rint(1, 9)))
    return list(dict.fromkeys(ua))


SERVER_ONLY = [
    "Grandstream UCM6302V1.4B 1.0.21.9", "Grandstream UCM6202V1.5B 1.0.20.38", "Kamailio SBC",
    "Sip-Proxy", "sip.example.com", "Asterisk PBX 18.x", "Cisco-CUCM14.0", "Oracle SBC",
    "Acme Packet SBC", "Metaswitch", "BroadWorks",
    "Brekeke SIP Server (3.15.3.1/532)", "FusionPBX", "Wazo PBX", "Issabel",
]


@section("User-Agent: vendor strings")
def s_ua(rng):
    return [("User-Agent", u) for u in ua_list(rng)]


@section("Server: vendor strings (in responses)")
def s_server(rng):
    uas = ua_list(Rng("User-Agent: vendor strings"))
    srv = [u for u in uas if rng.chance(55)] + SERVER_ONLY
    return [("Server", s) for s in dict.fromkeys(srv)]


@section("Folded values (\\r\\n + SP/HT where LWS is allowed), tabs, runs of spaces")
def s_folded(rng):
    out = []
    names = ["O'Brien's Shop #12", "Doe, Jane; Update Team", "D'Angelo -- Sales", "Kids' or Adults' Room",
             "Credit Union Select Accounts", "Chris' #2 phone", "Union Station; Group Sales"]
    for n in names:
        u = "sip:%s@%s" % (ext(rng), rng.pick(DOMAINS))
        out.append(("From", '%s\r\n <%s>;tag=%s' % (quote(n), u, tag(rng))))
        out.append(("To", '%s <%s>\r\n\t;tag=%s' % (quote(n), u, tag(rng))))
        out.append(("P-Asserted-Identity", '%s\r\n    <%s>' % (quote(n), u)))
        out.append(("Contact", '%s <sip:%s@%s>\r\n ;expires=3600' % (quote(n), ext(rng), ipv4(rng))))
    subs = [("Re: O'Brien's quote #12 --", "please call back"), ("Project Union - select", "a date"),
            ("Re: John's call or", "Mary's = urgent"), ("Can't make it;", "let's do 3 p.m."),
            ("Table 5 -", "birthday (bring cake)"), ("Drop by --", "it's about the Union contract")]
    for a, b in subs:
        out.append(("Subject", "%s\r\n %s" % (a, b)))
        out.append(("Subject", "%s\r\n\t%s" % (a, b)))
    for i in range(10):
        user = rng.pick(DIGEST_USERS[:12])
        dom = rng.pick(REG_DOMAINS)
        out.append((rng.pick(["Authorization", "Proxy-Authorization"]),
                    'Digest username="%s",\r\n realm="%s",\r\n nonce="%s",\r\n uri="sip:%s",\r\n '
                    'response="%s",\r\n algorithm=MD5' % (user, dom, nonce(rng, rng.pick(NONCE_STYLES)),
                                                         dom, rng.hex(32))))
    out.append(("Proxy-Authorization", 'Digest username="1000", realm="demo.example.com", \r\n'
                ' nonce="%s", uri="sip:1000@demo.example.com", \r\n response="%s"' % (rng.hex(40), rng.hex(32))))
    for i in range(6):
        out.append(("Via", "%s,\r\n %s" % (via_one(rng, "UDP"), via_one(rng))))
        out.append(("Record-Route", "<sip:%s;lr;ftag=%s>,\r\n <sip:%s;lr>" % (ipv4(rng), tag(rng), ipv4(rng))))
    for u in ["Linphone/5.0.14\r\n (belle-sip/5.0.14)", "Bria 6 release 6.5.4\r\n stamp 107722",
              "LinphoneAndroid/4.6.14 (Pixel 6)\r\n LinphoneSDK/5.1.67 (tags/5.1.67)",
              "Cisco-SIPGateway/IOS-15.x\r\n\tCisco-CUBE"]:
        out.append(("User-Agent", u))
    for i in range(4):
        h, p, s, x5u = jwt(rng)
        out.append(("Identity", '%s.%s.%s;\r\n info=<%s>;alg=ES256;ppt="shaken"' % (h, p, s, x5u)))
    out.append(("Reason", 'Q.850;cause=16;\r\n text="Normal call clearing"'))
    out.append(("Reason", 'SIP;cause=200;text="Call completed elsewhere",\r\n Q.850;cause=26'))
    out.append(("Warning", '399 192.0.2.4 "Can\'t find user; try later",\r\n 370 192.0.2.4 "Insufficient bandwidth"'))
    out.append(("Diversion", "<sip:2001@pbx.example.org>;reason=no-answer;counter=1,\r\n "
                "\"O'Brien's Shop #12\" <sip:2002@pbx.example.org>;reason=user-busy;counter=1"))
    out.append(("History-Info", "<sip:alice@example.com>;index=1,\r\n <sip:bob@example.com?Reason=SIP%3Bcause%3D480>;index=1.1"))
    # tabs and runs of spaces
    out += [
        ("Subject", "Meeting\tnotes -- O'Brien's\tagenda"), ("Subject", "Re:  two  spaces;  or  not"),
        ("From", '"O\'Brien\'s\tShop #12" <sip:1012@example.com>;tag=%s' % tag(rng)),
        ("From", '"Doe,  Jane;  Update  Team"  <sip:jdoe@example.com>;tag=%s' % tag(rng)),
        ("To", '"Kids\'  or  Adults\'  Room"   <sip:room@hotel.example.com>'),
        ("To", "<sip:bob@biloxi.example.com> ;tag=%s" % tag(rng)),
        ("Contact", "<sip:alice@192.0.2.10:5060> ; expires = 3600"),
        ("Authorization", 'Digest\tusername="o\'brien",\trealm="example.com",\tnonce="%s",\turi="sip:example.com",\tresponse="%s"' % (rng.hex(32), rng.hex(32))),
        ("Authorization", 'Digest  username="d\'angelo" ,  realm="pbx.example.org" ,  nonce="%s" ,  uri="sip:pbx.example.org" ,  response="%s"' % (rng.hex(32), rng.hex(32))),
        ("User-Agent", "AVM FRITZ!Box 7590 154.07.29 (Dec  7 2021)"),
        ("Reason", 'Q.850 ;cause=16 ;text="Normal call clearing"'),
        ("Via", "SIP/2.0/UDP  192.0.2.10:5060 ;branch=z9hG4bK-524287-1---i9aif7pifkudxkd8"),
        ("P-Asserted-Identity", '"Credit Union\tSelect Accounts" <sip:+14155550177@example.com;user=phone>'),
        ("Organization", "O'Brien's  Plumbing  &  Heating,\tInc."),
        ("Call-Info", "<https://www.example.com/alice/photo.jpg> ;purpose=icon"),
    ]
    return out


ORGS = [
    "O'Brien's Plumbing & Heating, Inc.", "Credit Union Select Accounts", "Boxes by Bob",
    "D'Angelo & Sons -- Sales", "Ben & Jerry's Homemade, Inc.", "McDonald's Franchise #4471",
    "Union Station; Group Sales", "Drop Zone Skydiving LLC", "Sleep Clinic (Night) -- St. Mary's",
    "Select Comfort Corp.", "Order Desk / Fulfilment", "Exec Office Suites", "Table 5 - Restaurant",
    "Navy Federal Credit Union", "Western Union Financial Services, Inc.", "Benchmark Electronics, Inc.",
    "Round Table Pizza #212", "Null & Void Records", "Having Fun Daycare", "Orr and Sons",
    "Kids' or Adults' Dentistry", "Lands' End Outfitters", "Toys\"R\"Us", "Rock 'n' Roll Bar",
    "Seán Ó Briain Teo.", "Müller & Söhne GmbH", "Café «Le Select»", "株式会社オーダー",
    "Insert Coin Arcade; Bar", "Where2Eat Delivery Ltd.", "Group Health Cooperative",
    "Union Select Insurance Group", "Declare Tax Services, LLC", "Truncate Editing Studio",
    "Shutdown Maintenance Crew (Plant #2)", "Like New Auto = Best Prices", "Select Medical / Rehab",
    "Chris' #2 Shop", "St. Mary's Hospital -- Ward #4", "Children's Hospital of O'Fallon",
    "Men's Wearhouse", "Macy's, Inc.", "Lowe's Home Improvement #1123", "Trader Joe's #552",
    "AT&T", "Procter & Gamble", "Johnson & Johnson", "Barnes & Noble Booksellers", "H&R Block",
    "Marks & Spencer plc", "Dunkin' Donuts", "Applebee's Grill + Bar", "Denny's #7 / 24h",
    "L'Oréal Paris", "Hôtel de l'Union", "Banco Unión", "Unión Select S.A.", "Orders & Returns Dept.",
]


@section("Organization")
def s_org(rng):
    return [("Organization", o) for o in ORGS]


@section("X-* custom headers of PBXs, SBCs, CPaaS and CRMs")
def s_xheaders(rng):
    out = []
    for n in rng.sample(SQL_NAMES, 20) + rng.sample(APOS_LAST, 10):
        out.append(("X-Caller-Name", n))
    for n in ["O'Brien's Shop #12", "Doe, Jane; Update Team", "D'Angelo -- Sales", "Ben & Jerry's"]:
        out.append(("X-FS-Display-Name", n))
        out.append(("X-Original-Caller-Name", n))
    for i in range(6):
        out.append(("X-FS-Display-Number", e164(rng)))
    out.append(("X-FS-Support", "update_display,send_info"))
    out.append(("X-FS-Support", "update_display,send_info,paging"))
    for c, t, f in Q850[:10]:
        out.append(("X-Asterisk-HangupCause", t))
        out.append(("X-Asterisk-HangupCauseCode", str(c)))
    for i in range(8):
        out.append(("X-Twilio-CallSid", "CA" + rng.hex(32)))
        out.append(("X-Twilio-AccountSid", "AC" + rng.hex(32)))
        out.append(("X-Genesys-CallUUID", rng.alnum(26).upper()))
        out.append(("X-BroadWorks-Correlation-Info", rng.uuid()))
        out.append(("X-Serialnumber", "000413" + rng.hex(6, True)))
        out.append(("X-Forwarded-For", ipv4(rng, True)))
        out.append(("X-Real-IP", ipv4(rng, True)))
        out.append(("X-Correlation-ID", rng.uuid()))
    for q in ["Order Desk", "Group Sales", "Union Station; Group Sales", "Exec Office", "Select Accounts",
              "Kids' or Adults' Room", "Drop-off Desk", "Table Reservations", "Update Team", "Sleep Clinic (Night)"]:
        out.append(("X-Queue-Name", q))
    for c in ["Union Select Q3", "Drop Zone -- Spring '24", "Sleep Number; Memorial Day", "Order Now or Later",
              "Benchmark (A/B) test", "Credit Union Select -- renewals"]:
        out.append(("X-Campaign", c))
    for n in ["Caller said 'ship it -- or refund'", "VIP; don't transfer", "Prefers email (o'brien@example.com)",
              "Re: Order #4471 = delayed", "Call back after 5; or Sat. a.m.", "Said \"Union Select\" is the account name",
              "Kids' or Adults' plan? -- undecided", "Drop by branch #12 / ask for Pat O'Hara"]:
        out.append(("X-CRM-Note", n))
    for i in range(6):
        out.append(("X-Account-Code", rng.pick(["ACCT-%d" % rng.rint(1000, 9999), rng.digits(8),
                                                "o'brien-%d" % rng.rint(10, 99)])))
        out.append(("X-Authenticated-User", rng.pick(APOS_USERS + PLAIN_USERS) + "@" + rng.pick(DOMAINS)))
    out += [("X-Grandstream-PBX", "true"), ("X-Tenant", "obriens-pub"), ("X-Tenant", "credit-union-select"),
            ("X-Call-Reason", "Re: John's order #4471"), ("X-Call-Reason", "Billing -- select option 2"),
            ("X-Priority", "urgent"), ("X-Dept", "Sales; or Support"), ("X-Location", "Table 5 = patio"),
            ("X-Customer-Name", "Tim \"O'Neil\""), ("X-Customer-Name", "Doe, Jane"),
            ("X-Customer-Name", "Null, Christopher"), ("X-Customer-Name", "Union, Gabrielle")]
    return out


@section("Compact header forms (RFC 3261 7.3.3, RFC 8224)")
def s_compact(rng):
    out = []
    for n in ["O'Brien's Shop #12", "Doe, Jane; Update Team", "Union Select", "Kids' or Adults' Room",
              "D'Angelo -- Sales", "Sleep Clinic (Night)"]:
        out.append(("f", '%s <sip:%s@%s>;tag=%s' % (quote(n), ext(rng), rng.pick(DOMAINS), tag(rng))))
        out.append(("t", '%s <sip:%s@%s>' % (quote(n), ext(rng), rng.pick(DOMAINS))))
        out.append(("m", '%s <sip:%s@%s:5060>' % (quote(n), ext(rng), ipv4(rng))))
    for s in ["Re: John's call or Mary's = urgent", "Project Union - select a date", "Where's Table 5?"]:
        out.append(("s", s))
    for i in range(3):
        out.append(("i", rng.uuid()))
        out.append(("v", via_one(rng, "UDP")))
        out.append(("b", '"%s" <sip:%s@%s>' % (rng.pick(APOS_LAST), ext(rng), rng.pick(DOMAINS))))
    out.append(("r", "<sip:carol@example.com?Replaces=a84b4c76e66710%40pc33.example.com%3Bto-tag%3D1928301774%3Bfrom-tag%3D314159>"))
    h, p, s, x5u = jwt(rng)
    out.append(("y", '%s.%s.%s;info=<%s>;alg=ES256;ppt="shaken"' % (h, p, s, x5u)))
    return out


# --------------------------------------------------------------------------

def escape(v):
    out = []
    for ch in v:
        o = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\n":
            out.append("\\n")
        elif o < 0x20 or o == 0x7f:
            out.append("\\x%02x" % o)
        else:
            out.append(ch)
    return "".join(out)


HNAME_RE = re.compile(r"^[A-Za-z0-9\-.!%*_+`'~]+$")


def validate(h, v):
    assert h == "Request-URI" or HNAME_RE.match(h), h
    assert v and v == v.strip(" \t"), (h, v)
    # a CR only as a fold: CRLF followed by SP or HTAB, never two in a row
    for m in re.finditer("\r|\n", v):
        i = m.start()
        if v[i] == "\r":
            assert v[i + 1:i + 2] == "\n" and v[i + 2:i + 3] in (" ", "\t"), (h, v)
        else:
            assert v[i - 1] == "\r", (h, v)
    for ch in v:
        assert ch in "\t\r\n" or (ord(ch) >= 0x20 and ord(ch) != 0x7f), (h, v)
    if h == "Request-URI":
        assert not re.search(r"\s", v) and ":" in v, v
    if h in ("Call-ID", "i"):
        assert not re.search(r"\s", v) and "=" not in v, v


@section("Reviewed by hand (reviewed.tsv: false positives found in review)")
def reviewed(rng):
    here = os.path.dirname(os.path.abspath(__file__))
    for line in open(os.path.join(here, "reviewed.tsv"), encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        h, v = line.split("\t", 1)
        # the file's escapes: \\ \t \r \n \xHH
        out, i = [], 0
        while i < len(v):
            if v[i] == "\\":
                n = v[i + 1]
                if n == "x":
                    out.append(chr(int(v[i + 2:i + 4], 16)))
                    i += 4
                    continue
                out.append({"\\": "\\", "t": "\t", "r": "\r", "n": "\n"}[n])
                i += 2
                continue
            out.append(v[i])
            i += 1
        yield h, "".join(out)


def main():
    out_path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "values.tsv")
    seen = set()
    lines = [
        "# sipguard legitimate SIP header values: none of these may be flagged as injection.",
        "# Generated by make-values.py (deterministic); edit the script, not this file.",
        "# Format: HEADER<TAB>VALUE; VALUE escapes \\\\ \\t \\r \\n \\xHH, all else literal (UTF-8).",
        "# HEADER \"Request-URI\" is the request line's URI. gen.py turns each entry into a message.",
    ]
    counts = []
    total = 0
    for title, fn in SECTIONS:
        rng = Rng(title)
        entries = []
        for h, v in fn(rng):
            validate(h, v)
            key = (h, v)
            if key in seen:
                continue
            seen.add(key)
            entries.append((h, v))
        lines.append("")
        lines.append("# === %s (%d) ===" % (title, len(entries)))
        for h, v in entries:
            lines.append("%s\t%s" % (h, escape(v)))
        counts.append((title, len(entries)))
        total += len(entries)
    lines.append("")
    lines.append("# total: %d entries" % total)
    with open(out_path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    for title, n in counts:
        print("%5d  %s" % (n, title))
    print("%5d  total -> %s" % (total, out_path))


if __name__ == "__main__":
    main()
