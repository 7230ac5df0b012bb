import Testing
import LessonKit

@Suite struct InflectionTests {
    @Test func includesTheWordItselfLowercased() {
        #expect(Inflections.forms(of: "Distillation").contains("distillation"))
        #expect(Inflections.forms(of: "jailbreaking").contains("jailbreaking"))
    }

    @Test(arguments: [
        ("walk", ["walks", "walked", "walking"]),
        ("box", ["boxes"]),
        ("watch", ["watches", "watched", "watching"]),
        ("wish", ["wishes"]),
        ("try", ["tries", "tried", "trying"]),
        ("study", ["studies", "studied", "studying"]),
        ("play", ["plays", "played", "playing"]),
        ("make", ["makes", "making"]),
        ("agree", ["agrees", "agreed", "agreeing"]),
        ("die", ["dies", "died", "dying"]),
        ("stop", ["stops", "stopped", "stopping"]),
        ("prefer", ["prefers", "preferred", "preferring"]),
        ("visit", ["visits", "visited", "visiting"]),
        ("panic", ["panics", "panicked", "panicking"]),
        ("stem", ["stems", "stemmed", "stemming"]),
        ("levy", ["levies", "levied"]),
        ("curb", ["curbs", "curbed", "curbing"]),
        ("spike", ["spikes", "spiked", "spiking"]),
        ("carry", ["carries", "carried"]),
        ("mitigate", ["mitigates", "mitigated", "mitigating"]),
        ("hero", ["heroes"]),
        ("photo", ["photos"]),
    ])
    func regularVerbAndNounEndings(word: String, expected: [String]) {
        let forms = Inflections.forms(of: word)
        for form in expected { #expect(forms.contains(form), "\(word) → \(form)") }
    }

    @Test(arguments: [
        ("big", ["bigger", "biggest"]),
        ("happy", ["happier", "happiest"]),
        ("large", ["larger", "largest"]),
        ("fast", ["faster", "fastest"]),
        ("thin", ["thinner", "thinnest"]),
    ])
    func regularComparatives(word: String, expected: [String]) {
        let forms = Inflections.forms(of: word)
        for form in expected { #expect(forms.contains(form), "\(word) → \(form)") }
    }

    @Test(arguments: [
        ("go", ["goes", "going", "went", "gone"]),
        ("take", ["takes", "taking", "took", "taken"]),
        ("bring", ["brought"]),
        ("be", ["am", "is", "are", "was", "were", "been", "being"]),
        ("have", ["has", "had"]),
        ("do", ["does", "did", "done", "doing"]),
        ("begin", ["began", "begun", "beginning"]),
        ("think", ["thought"]),
        ("catch", ["caught"]),
        ("seek", ["sought"]),
        ("fly", ["flies", "flew", "flown"]),
        ("lie", ["lay", "lain", "lying"]),
        ("write", ["wrote", "written", "writing"]),
        ("run", ["ran", "running"]),
        ("undergo", ["underwent", "undergone"]),
        ("withdraw", ["withdrew", "withdrawn"]),
        ("mislead", ["misled"]),
        ("arise", ["arose", "arisen"]),
        ("strike", ["struck", "stricken"]),
        ("swear", ["swore", "sworn"]),
        ("cut", ["cuts", "cutting"]),
        ("lead", ["led"]),
        ("leave", ["left"]),
        ("find", ["found"]),
        ("bear", ["bore", "borne"]),
        ("rise", ["rose", "risen", "rising"]),
    ])
    func irregularVerbs(word: String, expected: [String]) {
        let forms = Inflections.forms(of: word)
        for form in expected { #expect(forms.contains(form), "\(word) → \(form)") }
    }

    @Test(arguments: [
        ("child", "children"), ("person", "people"), ("analysis", "analyses"), ("criterion", "criteria"),
        ("phenomenon", "phenomena"), ("man", "men"), ("woman", "women"), ("mouse", "mice"),
        ("tooth", "teeth"), ("life", "lives"), ("crisis", "crises"), ("stimulus", "stimuli"),
        ("index", "indices"), ("medium", "media"), ("chairman", "chairmen"), ("businesswoman", "businesswomen"),
    ])
    func irregularPlurals(word: String, plural: String) {
        #expect(Inflections.forms(of: word).contains(plural))
    }

    @Test func irregularComparatives() {
        #expect(Inflections.forms(of: "good").isSuperset(of: ["better", "best"]))
        #expect(Inflections.forms(of: "bad").isSuperset(of: ["worse", "worst"]))
        #expect(Inflections.forms(of: "far").isSuperset(of: ["further", "furthest", "farther"]))
    }

    @Test func derivedNounIsNotAnInflectionOfItsVerbOrTheOtherWayRound() {
        #expect(!Inflections.forms(of: "distillation").contains("distilled"))
        #expect(!Inflections.forms(of: "distill").contains("distillation"))
    }

    @Test func irregularFormIsNotExpandedBackToItsFamily() {
        // "left" is a word of its own; its forms are not those of "leave".
        #expect(!Inflections.forms(of: "left").contains("leave"))
    }

    @Test func rulesDoNotInventUnrelatedWords() {
        #expect(!Inflections.forms(of: "let").contains("letter"))
        #expect(!Inflections.forms(of: "corn").contains("corner"))
        #expect(!Inflections.forms(of: "see").contains("seed"))
        #expect(Inflections.forms(of: "be").isDisjoint(with: ["bed", "best", "bing"]))
    }

    @Test func curlyApostropheIsStraightened() {
        #expect(Inflections.forms(of: "Don’t").contains("don't"))
    }

    @Test func nonWordsGetOnlyThemselves() {
        #expect(Inflections.forms(of: "3.14") == ["3.14"])
        #expect(Inflections.forms(of: "") == [""])
    }
}
