namespace NzqaSync.Sandbox.Nzqa;

/// <summary>The sandbox's standards catalogue: ~60 achievement, unit and scholarship standards with realistic numbers.
/// Titles follow NZQA's published style; the sandbox does not claim every number/version/credit value is current.</summary>
public static class StandardsCatalogue
{
    private const string I = "Internal", E = "External";

    public static IReadOnlyList<NzqaStandard> All { get; } = Build();

    private static List<NzqaStandard> Build()
    {
        var list = new List<NzqaStandard>();
        void A(string n, int v, int level, int credits, string assess, string title) => list.Add(new(n, v, "A", title, level, credits, assess, false));
        void U(string n, int v, int level, int credits, bool merit, string title) => list.Add(new(n, v, "U", title, level, credits, I, merit));
        void S(string n, string title) => list.Add(new(n, 1, "S", title, 4, 0, E, false));

        // Level 1 (revised NCEA Level 1, 2024 onwards)
        A("91944", 1, 1, 5, I, "Explore data using a statistical enquiry process");
        A("91945", 1, 1, 5, I, "Use mathematical methods to explore problems that relate to life in Aotearoa New Zealand or the Pacific");
        A("91946", 1, 1, 5, E, "Interpret and apply mathematical and statistical information in context");
        A("91947", 1, 1, 5, E, "Demonstrate mathematical reasoning");
        A("91924", 1, 1, 5, E, "Demonstrate understanding of specific aspects of studied text");
        A("91925", 1, 1, 5, I, "Demonstrate understanding of significant connections across texts");
        A("91926", 1, 1, 5, I, "Develop ideas in writing");
        A("91927", 1, 1, 5, E, "Develop ideas in writing with a sense of audience");
        A("92001", 1, 1, 5, I, "Demonstrate understanding of the way a mātauranga Māori practice is used in a context");
        A("92002", 1, 1, 5, I, "Demonstrate understanding of ideas in Te Reo Māori");
        A("92003", 1, 1, 5, E, "Demonstrate understanding of how a context is shaped by Te Tiriti o Waitangi");
        A("92004", 1, 1, 5, E, "Explore a range of concepts in a historical context");
        A("92005", 1, 1, 5, I, "Demonstrate understanding of the relationship between people and an environment");
        A("92006", 1, 1, 5, I, "Demonstrate understanding of a scientific investigation");
        A("92007", 1, 1, 5, E, "Demonstrate understanding of chemical reactivity");
        A("92008", 1, 1, 5, E, "Demonstrate understanding of the physical world");
        A("92010", 1, 1, 5, I, "Develop a digital outcome");
        A("92011", 1, 1, 5, E, "Demonstrate understanding of programming concepts");
        A("92013", 1, 1, 5, I, "Produce a performance of a dance");
        A("92016", 1, 1, 5, I, "Demonstrate understanding of a musical idea");
        A("92020", 1, 1, 5, I, "Demonstrate understanding of how physical activity contributes to hauora");
        A("92022", 1, 1, 5, E, "Demonstrate understanding of an economic concept");
        A("92025", 1, 1, 5, I, "Demonstrate understanding of customary practices in a Pacific context");
        A("92030", 1, 1, 5, E, "Demonstrate understanding of visual art practice");
        A("91027", 4, 1, 4, E, "Apply algebraic procedures in solving problems");
        A("91028", 4, 1, 4, I, "Investigate relationships between tables, equations and graphs");
        // Level 2
        A("91261", 3, 2, 4, I, "Apply algebraic methods in solving problems");
        A("91262", 3, 2, 5, E, "Apply calculus methods in solving problems");
        A("91264", 3, 2, 4, I, "Use statistical methods to make an inference");
        A("91267", 3, 2, 4, E, "Apply probability methods in solving problems");
        A("91098", 3, 2, 4, E, "Analyse specified aspect(s) of studied written text(s), supported by evidence");
        A("91099", 3, 2, 4, E, "Analyse specified aspect(s) of studied visual or oral text(s), supported by evidence");
        A("91101", 3, 2, 6, I, "Produce a selection of crafted and controlled writing");
        A("91156", 3, 2, 4, E, "Demonstrate understanding of life processes at the cellular level");
        A("91157", 3, 2, 4, E, "Demonstrate understanding of genetic variation and change");
        A("91164", 3, 2, 5, E, "Demonstrate understanding of bonding, structure, properties and energy changes");
        A("91171", 3, 2, 6, E, "Demonstrate understanding of mechanics");
        A("91229", 3, 2, 4, I, "Carry out an inquiry of an historical event or place that is of significance to New Zealanders");
        // Level 3
        A("91578", 3, 3, 6, E, "Apply differentiation methods in solving problems");
        A("91579", 3, 3, 6, E, "Apply integration methods in solving problems");
        A("91580", 3, 3, 4, I, "Investigate time series data");
        A("91581", 3, 3, 4, I, "Investigate bivariate measurement data");
        A("91472", 3, 3, 4, E, "Respond critically to specified aspect(s) of studied written text(s), supported by evidence");
        A("91475", 3, 3, 6, I, "Produce a selection of fluent and coherent writing which develops, sustains, and structures ideas");
        A("91390", 3, 3, 5, E, "Demonstrate understanding of thermochemical principles and the properties of particles and substances");
        A("91391", 3, 3, 5, E, "Demonstrate understanding of the properties of organic compounds");
        A("91523", 3, 3, 4, E, "Demonstrate understanding of wave systems");
        A("91524", 3, 3, 6, E, "Demonstrate understanding of mechanical systems");
        A("91436", 3, 3, 4, I, "Analyse an historical event, or place, of significance to New Zealanders");
        // Unit standards (internal); a few allow Merit/Excellence
        U("26622", 3, 1, 5, false, "Write to communicate ideas for a purpose and audience");
        U("26623", 3, 1, 4, false, "Use number to solve problems");
        U("26624", 3, 1, 5, false, "Read texts with understanding");
        U("27112", 2, 2, 3, false, "Demonstrate knowledge of workplace health and safety practices");
        U("497", 11, 1, 3, false, "Demonstrate knowledge of workplace health and safety requirements");
        U("6401", 7, 2, 1, false, "Provide first aid for life");
        U("6402", 9, 1, 1, false, "Provide basic life support");
        U("6400", 9, 3, 2, false, "Manage first aid in an emergency situation");
        U("32403", 1, 1, 10, true, "Demonstrate understanding of strategies to support learning in te reo Māori");
        U("29834", 2, 2, 6, true, "Create a brief in response to a client's needs");
        U("31911", 1, 3, 8, true, "Produce a complex digital media outcome");
        // Scholarship
        S("93201", "Calculus");
        S("93202", "Statistics");
        S("93005", "English");
        return list;
    }

    private static readonly Dictionary<(string, int), NzqaStandard> ByKey = All.ToDictionary(s => (s.Number, s.Version));
    private static readonly Dictionary<string, NzqaStandard> ByNumber = All.ToDictionary(s => s.Number);

    /// <summary>The standard with this number and version, or null.</summary>
    public static NzqaStandard Find(string number, int version)
        => number != null && ByKey.TryGetValue((number, version), out var s) ? s : null;

    /// <summary>The (only) catalogued version of this number, or null.</summary>
    public static NzqaStandard FindNumber(string number)
        => number != null && ByNumber.TryGetValue(number, out var s) ? s : null;

    /// <summary>NZQA's result rules: achievement (and scholarship) N/A/M/E; unit N/A, M/E only where the standard
    /// allows merit; SNA (standard not assessed) always.</summary>
    public static bool ResultAllowed(NzqaStandard standard, string result) => result switch
    {
        "SNA" or "N" or "A" => true,
        "M" or "E" => standard.Type != "U" || standard.AllowsMerit,
        _ => false,
    };
}
