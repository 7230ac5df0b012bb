/// The fixed vocabulary the generated lessons are written with. Filler text uses ordinary
/// English words, so that sentence splitting, wrapping and matching see English-shaped text;
/// vocabulary terms are invented from syllables (see `TermWords`), so no filler word can be
/// mistaken for one and every occurrence is one the generator put there on purpose.
enum WordLists {
    static let nouns = [
        "council", "harbor", "river", "market", "village", "teacher", "report", "budget", "museum",
        "railway", "farmer", "festival", "bridge", "library", "school", "engineer", "committee",
        "district", "company", "worker", "season", "garden", "station", "island", "factory",
        "hospital", "student", "election", "forest", "mountain", "valley", "network", "museum",
        "province", "newspaper", "minister", "harvest", "ferry", "coastline", "museum", "hall",
        "plan", "road", "tower", "orchard", "canal", "court", "laboratory", "clinic", "kitchen",
        "reservoir", "warehouse", "union", "bakery", "airport", "stadium", "archive", "theatre",
        "cooperative", "highway", "schedule", "proposal", "survey", "agreement", "painting",
    ]
    static let verbsPast = [
        "opened", "reported", "announced", "described", "reviewed", "expanded", "delayed",
        "approved", "questioned", "welcomed", "measured", "repaired", "planned", "studied",
        "visited", "changed", "followed", "supported", "rejected", "considered", "funded",
        "inspected", "restored", "closed", "praised", "criticised", "examined", "shared",
        "replaced", "finished", "started", "protected", "moved", "published", "counted",
    ]
    static let adjectives = [
        "new", "old", "small", "large", "quiet", "local", "regional", "careful", "early", "late",
        "public", "private", "northern", "southern", "modest", "steady", "recent", "annual",
        "busy", "narrow", "wide", "ancient", "modern", "rural", "coastal", "familiar", "costly",
        "gentle", "remote", "crowded", "seasonal", "temporary", "permanent", "shared", "brief",
    ]
    static let adverbs = [
        "quickly", "slowly", "carefully", "quietly", "recently", "finally", "openly", "briefly",
        "largely", "gradually", "suddenly", "rarely", "usually", "later", "again",
    ]
    static let prepositions = [
        "in", "on", "near", "after", "before", "with", "without", "across", "along", "under",
        "beyond", "during", "behind", "around", "beside", "against", "through",
    ]
    static let joiners = [", and", ", but", " because", " while", " although", ", so", " after", " before"]
    static let names = [
        "Velora", "Marten", "Okafor", "Lindqvist", "Haruna", "Pereira", "Castell", "Brannock",
        "Idris", "Novak", "Saltmarsh", "Quellan", "Oduya", "Ferreira", "Tamsin", "Arkwright",
    ]
    static let titles = ["Dr.", "Mr.", "Ms.", "Prof."]

    /// Han characters the Chinese glosses are built from: common ones, so every terminal font
    /// has them and every one is two columns wide.
    static let han = Array(
        "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府研"
    )

    /// Syllables the invented vocabulary words are made of. Every word ends in a consonant
    /// pair, so its -s, -ed and -ing forms are the plain regular ones.
    static let onsets = ["b", "br", "d", "dr", "f", "fl", "g", "gr", "k", "kl", "m", "n", "p", "pl",
                         "s", "st", "t", "tr", "v", "z", "sh", "ch", "th", "w"]
    static let vowels = ["a", "e", "i", "o", "u"]
    static let middles = ["l", "n", "r", "v", "m", "d", "s"]
    static let codas = ["nd", "rk", "lt", "st", "mp", "sk", "rn", "lk", "ft", "nt"]
}
