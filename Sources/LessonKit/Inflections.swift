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
        let lower = word.lowercased()
        // Rebuilt from scalars only when there is an apostrophe to straighten: the rebuild took
        // a quarter of the time to find a term's forms.
        let w = lower.unicodeScalars.contains("’")
            ? String(String.UnicodeScalarView(lower.unicodeScalars.map { $0 == "’" ? "'" : $0 }))
            : lower
        // Room for every form at once: growing the set rehashed it three or four times.
        var result = Set<String>(minimumCapacity: 16)
        result.insert(w)
        let letters = Array(w.unicodeScalars)
        guard letters.count >= 1, letters.allSatisfy({ isLetter($0) || $0 == "-" || $0 == "'" }) else {
            return result
        }
        if letters.count <= 2 {
            // Suffix rules turn tiny words into unrelated ones ("be" → "bed", "best"); keep
            // only the harmless endings: "go" → "goes", "going"; "ox" → "oxes" (never written).
            result.formUnion([w + "s", w + "es", w + "ing"])
        } else {
            // Each form is looked up in the small list of lookalikes: `subtracting` walked the
            // whole list for every term, a tenth of the time to build a lesson's matcher.
            for form in regularForms(letters, word: w) where !unrelatedLookalikes.contains(form) { result.insert(form) }
        }
        // Irregular verbs still take the regular -s and -ing ("take" → "takes", "taking"),
        // so the table adds to the rules rather than replacing them.
        if let irregular = irregularTable[w] {
            for form in irregular.split(separator: " ") { result.insert(String(form)) }
        }
        if w.hasSuffix("man"), w.count > 4, !notManCompounds.contains(w) {
            // chairman → chairmen, businesswoman → businesswomen
            result.insert(String(w.dropLast(3)) + "men")
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

    /// Base word → its irregular forms, separated by spaces, built once from the rows below.
    /// The forms stay one substring per row until a lesson's term asks for them: splitting all
    /// of them into sets up front was a quarter of a millisecond of every start (issue 5).
    private static let irregularTable: [String: Substring] = {
        var table: [String: Substring] = [:]
        table.reserveCapacity(300)
        for row in irregularRows.split(separator: "\n") {
            guard let space = row.firstIndex(of: " ") else { continue }
            let base = String(row[..<space])
            let forms = row[row.index(after: space)...]
            // A base listed twice (a verb and a noun) keeps the forms of both rows.
            if let earlier = table[base] {
                table[base] = Substring(earlier + " " + forms)
            } else {
                table[base] = forms
            }
        }
        return table
    }()

    // Each row: a base word, then its irregular forms (past, past participle, plural, comparative).
    // A row of one word is a verb whose past forms are the base itself (cut, put); the rules
    // already give it all it needs, and it is listed so the table shows it was not forgotten.
    private static let irregularRows = """
    arise arose arisen
    awake awoke awoken
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
    build built
    burn burnt
    buy bought
    catch caught
    choose chose chosen
    cling clung
    come came
    creep crept
    deal dealt
    dig dug
    dive dove
    do does did done doing
    draw drew drawn
    dream dreamt
    drink drank drunk
    drive drove driven
    dwell dwelt
    eat ate eaten
    fall fell fallen
    feed fed
    feel felt
    fight fought
    find found
    flee fled
    fling flung
    fly flew flown flies
    forbid forbade forbidden
    forego forewent foregone
    foresee foresaw foreseen
    foretell foretold
    forget forgot forgotten
    forgive forgave forgiven
    forsake forsook forsaken
    freeze froze frozen
    get got gotten
    give gave given
    go goes went gone
    grind ground
    grow grew grown
    hang hung
    have has had having
    hear heard
    hide hid hidden
    hold held
    keep kept
    kneel knelt
    know knew known
    lay laid
    lead led
    lean leant
    leap leapt
    learn learnt
    leave left
    lend lent
    lie lay lain
    light lit
    lose lost
    make made
    mean meant
    meet met
    mislead misled
    mistake mistook mistaken
    misunderstand misunderstood
    mow mown
    outdo outdid outdone
    outgrow outgrew outgrown
    outrun outran
    overcome overcame
    overdo overdid overdone
    overhear overheard
    override overrode overridden
    overrun overran
    oversee oversaw overseen
    overtake overtook overtaken
    overthrow overthrew overthrown
    pay paid
    plead pled
    prove proven
    ride rode ridden
    ring rang rung
    rise rose risen
    run ran
    saw sawn
    say said
    see saw seen
    seek sought
    sell sold
    send sent
    sew sewn
    shake shook shaken
    shear shorn
    shine shone
    shoot shot
    show shown
    shrink shrank shrunk
    sing sang sung
    sink sank sunk
    sit sat
    slay slew slain
    sleep slept
    slide slid
    sling slung
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
    spoil spoilt
    spring sprang sprung
    stand stood
    steal stole stolen
    stick stuck
    sting stung
    stink stank stunk
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
    take took taken
    teach taught
    tear tore torn
    tell told
    think thought
    thrive throve thriven
    throw threw thrown
    tread trod trodden
    undergo underwent undergone
    understand understood
    undertake undertook undertaken
    undo undid undone
    uphold upheld
    wake woke woken
    wear wore worn
    weave wove woven
    weep wept
    win won
    wind wound
    withdraw withdrew withdrawn
    withhold withheld
    withstand withstood
    wring wrung
    write wrote written
    rewrite rewrote rewritten
    rebuild rebuilt
    retell retold
    mislay mislaid
    misread
    input
    output
    broadcast
    burst
    cast
    cost
    cut
    forecast
    hit
    hurt
    let
    put
    quit
    read
    rid
    set
    shed
    shut
    slit
    split
    spread
    thrust
    upset
    child children
    person people persons
    man men
    woman women
    mouse mice
    louse lice
    goose geese
    foot feet
    tooth teeth
    ox oxen
    die dice
    knife knives
    wife wives
    life lives
    leaf leaves
    half halves
    wolf wolves
    shelf shelves
    thief thieves
    loaf loaves
    calf calves
    self selves
    elf elves
    sheaf sheaves
    analysis analyses
    basis bases
    crisis crises
    thesis theses
    hypothesis hypotheses
    diagnosis diagnoses
    emphasis emphases
    parenthesis parentheses
    synopsis synopses
    axis axes
    oasis oases
    criterion criteria
    phenomenon phenomena
    datum data
    medium media
    memorandum memoranda
    curriculum curricula
    bacterium bacteria
    stratum strata
    symposium symposia
    stimulus stimuli
    nucleus nuclei
    radius radii
    fungus fungi
    cactus cacti
    syllabus syllabi
    alumnus alumni
    focus foci
    locus loci
    appendix appendices
    index indices
    matrix matrices
    vertex vertices
    apex apices
    formula formulae
    antenna antennae
    larva larvae
    vertebra vertebrae
    genus genera
    corpus corpora
    good better best
    well better best
    bad worse worst
    badly worse worst
    ill worse worst
    far farther further farthest furthest
    little less least
    many more most
    much more most
    old elder eldest
    """
}
