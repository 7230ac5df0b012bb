#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// English surface forms of a word, generated rather than looked up, so any vocabulary term
/// — even one no dictionary knows — gets its plural, past, participle and comparative forms.
///
/// The rules over-generate on purpose (both "visited" and "visitted" for "visit", since stress
/// decides doubling and we cannot hear it): a form that no English text contains costs nothing,
/// while a missing one loses a match. Irregular forms come from a table keyed by the base word;
/// an irregular form given as the word itself ("went") is not expanded back to its family,
/// because many such forms are words of their own ("left", "found", "saw").
public enum Inflections {
    /// Surface forms of one English word: itself plus regular inflections and irregular forms, lowercased.
    public static func forms(of word: String) -> Set<String> {
        Set(formList(of: word))
    }

    /// `forms`, as a list without repeats, the word itself first: what the matcher keeps, with
    /// no set to build and hash (a quarter of the time to build a lesson's matcher, issue 5).
    static func formList(of word: String) -> [String] {
        let lower = word.lowercased()
        // Rebuilt from scalars only when there is an apostrophe to straighten: the rebuild took
        // a quarter of the time to find a term's forms.
        let w = lower.unicodeScalars.contains("’")
            ? String(String.UnicodeScalarView(lower.unicodeScalars.map { $0 == "’" ? "'" : $0 }))
            : lower
        var result: [String] = [w]
        result.reserveCapacity(16)
        // Some forms come twice (the rules and the table can agree); each is kept once.
        func add(_ form: String) { if !result.contains(form) { result.append(form) } }
        let letters = Array(w.unicodeScalars)
        guard letters.count >= 1, letters.allSatisfy({ isLetter($0) || $0 == "-" || $0 == "'" }) else {
            return result
        }
        if letters.count <= 2 {
            // Suffix rules turn tiny words into unrelated ones ("be" → "bed", "best"); keep
            // only the harmless endings: "go" → "goes", "going"; "ox" → "oxes" (never written).
            add(w + "s")
            add(w + "es")
            add(w + "ing")
        } else {
            // Each form is looked up in the small list of lookalikes: `subtracting` walked the
            // whole list for every term, a tenth of the time to build a lesson's matcher.
            for form in regularForms(letters, word: w) where !unrelatedLookalikes.contains(form) { add(form) }
        }
        // Irregular verbs still take the regular -s and -ing ("take" → "takes", "taking"),
        // so the table adds to the rules rather than replacing them.
        if let irregular = irregularForms(of: w) {
            for form in irregular.split(separator: " ") { add(String(form)) }
        }
        if w.hasSuffix("man"), w.count > 4, !notManCompounds.contains(w) {
            // chairman → chairmen, businesswoman → businesswomen
            add(String(w.dropLast(3)) + "men")
        }
        return result
    }

    // MARK: Regular rules

    /// The forms the rules make, perhaps one twice.
    /// `s` holds the scalars of `word`.
    private static func regularForms(_ s: [Unicode.Scalar], word: String) -> [String] {
        var out: [String] = []
        out.reserveCapacity(10)
        let last = s[s.count - 1]
        let beforeLast: Unicode.Scalar? = s.count >= 2 ? s[s.count - 2] : nil
        let consonantY = last == "y" && beforeLast.map { !isVowel($0) } == true && s.count >= 2
        let stem = String(word.unicodeScalars.dropLast())

        // -s / -es / -ies
        if consonantY {
            out.append(stem + "ies")
        } else if word.hasSuffix("s") || word.hasSuffix("x") || word.hasSuffix("z")
                    || word.hasSuffix("ch") || word.hasSuffix("sh") {
            out.append(word + "es")
            if word.hasSuffix("s") || word.hasSuffix("z") {
                out.append(word + last.description + "es")  // bus → busses, quiz → quizzes
            }
        } else if word.hasSuffix("o") {
            out.append(word + "es")
            out.append(word + "s")
        } else {
            out.append(word + "s")
        }

        // Stems that take -ed / -ing / -er / -est, with e-drop, y → i and consonant doubling.
        let doubled = doublingStem(s, word: word)
        if consonantY {
            out.append(stem + "ied")
            out.append(stem + "ier")
            out.append(stem + "iest")
            out.append(word + "ing")
        } else if word.hasSuffix("ie") {
            // die → dying, tie → tied
            out.append(word + "d")
            out.append(String(word.dropLast(2)) + "ying")
            out.append(word + "r")
            out.append(word + "st")
        } else if last == "e" {
            out.append(word + "d")
            out.append(word + "r")
            out.append(word + "st")
            if word.hasSuffix("ee") || word.hasSuffix("ye") || word.hasSuffix("oe") {
                out.append(word + "ing")  // see → seeing, dye → dyeing, hoe → hoeing
            } else {
                out.append(stem + "ing")
            }
        } else if last == "c" {
            out.append(word + "ked")  // panic → panicked
            out.append(word + "king")
            out.append(word + "ed")
            out.append(word + "ing")
        } else {
            for base in [word] + (doubled.map { [$0] } ?? []) {
                out.append(base + "ed")
                out.append(base + "ing")
                out.append(base + "er")
                out.append(base + "est")
            }
        }
        return out
    }

    /// The word with its final consonant doubled, when English spelling might double it
    /// (stop → stopp-, prefer → preferr-): a final consonant after a single vowel.
    private static func doublingStem(_ s: [Unicode.Scalar], word: String) -> String? {
        guard s.count >= 3 else { return nil }
        let c = s[s.count - 1], v = s[s.count - 2], before = s[s.count - 3]
        guard !isVowel(c), isVowel(v), !isVowel(before), !"wxyhj".unicodeScalars.contains(c),
              isLetter(c) else { return nil }
        // "quit" and "equip" count their u as part of the consonant.
        return word + String(c)
    }

    private static func isVowel(_ c: Unicode.Scalar) -> Bool { "aeiou".unicodeScalars.contains(c) }

    /// Unicode's Alphabetic property, answered without a table lookup for ASCII.
    private static func isLetter(_ c: Unicode.Scalar) -> Bool {
        if c.isASCII { return (0x61...0x7A).contains(c.value | 0x20) }
        return c.properties.isAlphabetic
    }

    /// Words the suffix rules would build from a shorter word they have nothing to do with
    /// ("let" → "letter", "corn" → "corner"); never produced by the rules.
    private static let unrelatedLookalikes: Set<String> = [
        // -er / -est
        "letter", "bitter", "summer", "banner", "supper", "dinner", "hammer", "butter", "matter",
        "litter", "batter", "better", "corner", "manner", "copper", "hopper", "shipper", "dipper",
        "zipper", "chatter", "scatter", "shutter", "tower", "power", "flower", "shower", "offer",
        "ever", "master", "mister", "cover", "river", "liver", "caper", "taper", "hover", "wager",
        "meter", "liter", "forest", "honest", "modest", "priest", "earnest",
        // -ed / -ing
        "seed", "feed", "weed", "shed", "wicked", "wretched", "rugged", "ragged", "crooked",
        "thing", "evening", "morning", "wedding", "herring", "pudding", "shilling",
    ]

    private static let notManCompounds: Set<String> = [
        "human", "german", "roman", "shaman", "talisman", "caiman", "ottoman", "cayman", "dolman",
        "walkman", "superhuman", "inhuman",
    ]

    // MARK: Irregular forms

    /// The irregular forms of a base word, separated by spaces, or nil. Looked up by bisecting
    /// the rows below, which are sorted by base word: building a table of them took a third of
    /// a millisecond of every start, for the few terms of a lesson (issue 5).
    static func irregularForms(of word: String) -> Substring? {
        var word = word
        let found: Range<Int>? = word.withUTF8 { target in
            irregularRowBytes.withUnsafeBufferPointer { rows in
                let starts = irregularRowStarts
                var lo = 0, hi = starts.count - 1  // rows lo..<hi
                while lo < hi {
                    let row = lo + (hi - lo) / 2
                    let start = starts[row], end = starts[row + 1] - 1  // before its newline
                    var baseEnd = start
                    while baseEnd < end, rows[baseEnd] != 0x20 { baseEnd += 1 }
                    // Byte order, as the rows are sorted: memcmp over the shorter, then the length
                    // (generic comparisons of the two buffers were most of a lookup).
                    let length = baseEnd - start
                    let common = min(length, target.count)
                    var order = common == 0 ? 0 : Int(memcmp(rows.baseAddress! + start, target.baseAddress!, common))
                    if order == 0 { order = length - target.count }
                    if order == 0 {
                        // A row of one word: the rules give that verb all it needs.
                        return baseEnd < end ? (baseEnd + 1)..<end : nil
                    }
                    if order > 0 { hi = row } else { lo = row + 1 }
                }
                return nil
            }
        }
        guard let found else { return nil }
        let utf8 = irregularRows.utf8
        return irregularRows[utf8.index(utf8.startIndex, offsetBy: found.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: found.upperBound)]
    }

    /// Where each row of `irregularRowBytes` starts, and one past the last row's newline.
    private static let irregularRowStarts: [Int] = {
        var starts = [0]
        for (offset, byte) in irregularRowBytes.enumerated() where byte == 0x0A { starts.append(offset + 1) }
        // A last row without its newline ends where the bytes do, as if it had one.
        if irregularRowBytes.last != 0x0A { starts.append(irregularRowBytes.count + 1) }
        return starts
    }()

    /// The rows' bytes, copied once (about 5 KB).
    private static let irregularRowBytes = Array(irregularRows.utf8)

    // Each row: a base word, then its irregular forms (past, past participle, plural, comparative).
    // One row for each base word, in the order of their bytes (`irregularForms` bisects them).
    // A row of one word is a verb whose past forms are the base itself (cut, put); the rules
    // already give it all it needs, and it is listed so the table shows it was not forgotten.
    static let irregularRows = """
    alumnus alumni
    analysis analyses
    antenna antennae
    apex apices
    appendix appendices
    arise arose arisen
    awake awoke awoken
    axis axes
    bacterium bacteria
    bad worse worst
    badly worse worst
    basis bases
    be am is are was were been being
    bear bore borne born
    beat beaten
    become became
    befall befell befallen
    begin began begun
    behold beheld
    bend bent
    bet
    bid
    bind bound
    bite bit bitten
    bleed bled
    blow blew blown
    break broke broken
    breed bred
    bring brought
    broadcast
    build built
    burn burnt
    burst
    buy bought
    cactus cacti
    calf calves
    cast
    catch caught
    child children
    choose chose chosen
    cling clung
    come came
    corpus corpora
    cost
    creep crept
    crisis crises
    criterion criteria
    curriculum curricula
    cut
    datum data
    deal dealt
    diagnosis diagnoses
    die dice
    dig dug
    dive dove
    do does did done doing
    draw drew drawn
    dream dreamt
    drink drank drunk
    drive drove driven
    dwell dwelt
    eat ate eaten
    elf elves
    emphasis emphases
    fall fell fallen
    far farther further farthest furthest
    feed fed
    feel felt
    fight fought
    find found
    flee fled
    fling flung
    fly flew flown flies
    focus foci
    foot feet
    forbid forbade forbidden
    forecast
    forego forewent foregone
    foresee foresaw foreseen
    foretell foretold
    forget forgot forgotten
    forgive forgave forgiven
    formula formulae
    forsake forsook forsaken
    freeze froze frozen
    fungus fungi
    genus genera
    get got gotten
    give gave given
    go goes went gone
    good better best
    goose geese
    grind ground
    grow grew grown
    half halves
    hang hung
    have has had having
    hear heard
    hide hid hidden
    hit
    hold held
    hurt
    hypothesis hypotheses
    ill worse worst
    index indices
    input
    keep kept
    kneel knelt
    knife knives
    know knew known
    larva larvae
    lay laid
    lead led
    leaf leaves
    lean leant
    leap leapt
    learn learnt
    leave left
    lend lent
    let
    lie lay lain
    life lives
    light lit
    little less least
    loaf loaves
    locus loci
    lose lost
    louse lice
    make made
    man men
    many more most
    matrix matrices
    mean meant
    medium media
    meet met
    memorandum memoranda
    mislay mislaid
    mislead misled
    misread
    mistake mistook mistaken
    misunderstand misunderstood
    mouse mice
    mow mown
    much more most
    nucleus nuclei
    oasis oases
    old elder eldest
    outdo outdid outdone
    outgrow outgrew outgrown
    output
    outrun outran
    overcome overcame
    overdo overdid overdone
    overhear overheard
    override overrode overridden
    overrun overran
    oversee oversaw overseen
    overtake overtook overtaken
    overthrow overthrew overthrown
    ox oxen
    parenthesis parentheses
    pay paid
    person people persons
    phenomenon phenomena
    plead pled
    prove proven
    put
    quit
    radius radii
    read
    rebuild rebuilt
    retell retold
    rewrite rewrote rewritten
    rid
    ride rode ridden
    ring rang rung
    rise rose risen
    run ran
    saw sawn
    say said
    see saw seen
    seek sought
    self selves
    sell sold
    send sent
    set
    sew sewn
    shake shook shaken
    sheaf sheaves
    shear shorn
    shed
    shelf shelves
    shine shone
    shoot shot
    show shown
    shrink shrank shrunk
    shut
    sing sang sung
    sink sank sunk
    sit sat
    slay slew slain
    sleep slept
    slide slid
    sling slung
    slit
    smell smelt
    sneak snuck
    sow sown
    speak spoke spoken
    speed sped
    spell spelt
    spend spent
    spill spilt
    spin spun
    spit spat
    split
    spoil spoilt
    spread
    spring sprang sprung
    stand stood
    steal stole stolen
    stick stuck
    stimulus stimuli
    sting stung
    stink stank stunk
    stratum strata
    strew strewn
    stride strode stridden
    strike struck stricken
    string strung
    strive strove striven
    swear swore sworn
    sweep swept
    swell swollen
    swim swam swum
    swing swung
    syllabus syllabi
    symposium symposia
    synopsis synopses
    take took taken
    teach taught
    tear tore torn
    tell told
    thesis theses
    thief thieves
    think thought
    thrive throve thriven
    throw threw thrown
    thrust
    tooth teeth
    tread trod trodden
    undergo underwent undergone
    understand understood
    undertake undertook undertaken
    undo undid undone
    uphold upheld
    upset
    vertebra vertebrae
    vertex vertices
    wake woke woken
    wear wore worn
    weave wove woven
    weep wept
    well better best
    wife wives
    win won
    wind wound
    withdraw withdrew withdrawn
    withhold withheld
    withstand withstood
    wolf wolves
    woman women
    wring wrung
    write wrote written
    """
}
