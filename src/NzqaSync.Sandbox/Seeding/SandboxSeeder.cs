using NzqaSync.Sandbox.Nzqa;

namespace NzqaSync.Sandbox.Seeding;

/// <summary>Seeds NZQA's store and the demo school's (257) SMS export from one Random(seed), so the same seed and
/// the same --today give the same data. Against NZQA every compare status occurs in every area: Match (most), New,
/// Different, Leaver, NzqaOnly, plus rows that cannot be sent (NSN "12AB", date 02-30, a duplicate NSN, result "X",
/// standard "99999"). Also seeds students at 311 (Harbourside College) and 498 (Te Kura), a transfer each way,
/// results with Te Kura's provider code 498 on 257 entries, and a few prior-year entries.</summary>
public static class SandboxSeeder
{
    private enum Scenario { Match, EnrolmentDifferent, LearnerDifferent, ResultDifferent, New, NewUnregistered, Leaver, NzqaOnly, ExtraSmsEntry, ExtraNzqaEntry, PriorYear }

    private static readonly string[] FemaleNames =
    {
        "Aroha", "Mere", "Āwhina", "Kahurangi", "Anahera", "Ngaio", "Tūī", "Hine", "Maia", "Manaia", "Olivia", "Charlotte", "Isla", "Amelia",
        "Ava", "Mia", "Ruby", "Zoe", "Grace", "Losa", "Malia", "Mele", "Priya", "Mei", "Hana", "Seo-yeon", "Sophie", "Ella", "Léa", "Zoë",
    };

    private static readonly string[] MaleNames =
    {
        "Wiremu", "Tama", "Hēmi", "Mātiu", "Nikau", "Rangi", "Ōtene", "Tāne", "Kauri", "Rāwiri", "Jack", "Oliver", "Noah", "Leo", "Liam",
        "George", "Hunter", "Sione", "Tevita", "Arjun", "Wei", "Jun", "Min-jun", "Lucas", "Finn", "Mateo", "José", "Samuel", "Hugo", "Ethan",
    };

    private static readonly string[] LastNames =
    {
        "Ngātai", "Pōmare", "Tūhoe", "Te Whare", "Pāora", "Hōhepa", "Parata", "Rāwiri", "Tāwhiri", "Kīngi", "Te Rangi", "Mānuka",
        "Smith", "Wilson", "Williams", "Brown", "Taylor", "Jones", "Thompson", "Walker", "Anderson", "Clarke", "McDonald", "O'Connor",
        "Tuilagi", "Faleolo", "Taufa", "Fifita", "Leota", "Patel", "Singh", "Chen", "Wang", "Li", "Kim", "Nguyen", "Santos", "Reyes",
        "van der Berg", "Müller",
    };

    private static readonly string[] MiddleNames = { "Rose", "James", "Mere", "Tamati", "Grace", "Hōne", "Louise", "Ariki", "Jane", "Kiri" };

    private static readonly (string Code, int Weight)[] Ethnicities =
    {
        ("111", 50), ("211", 20), ("311", 6), ("321", 3), ("331", 4), ("341", 1), ("421", 6), ("431", 5), ("443", 2), ("411", 2), ("121", 3), ("511", 1), ("531", 1),
    };

    private static readonly string[] LeavingReasons = { "EMPLOYMENT", "TERTIARY", "OVERSEAS", "TRANSFER", "OTHER" };

    private sealed class Student
    {
        public string Nsn, First, Middle, Last, Gender, StudentId;
        public DateOnly Dob, EnrolmentDate;
        public int YearLevel;
        public string[] Ethnicities;
        public List<EntryRow> Entries = new();
    }

    public static SmsExport Seed(SandboxState state)
    {
        var store = state.Nzqa;
        var year = state.AcademicYear;
        var rng = new Random(state.Options.Seed);
        var n = Math.Max(state.Options.Students, 40);
        var pools = Enumerable.Range(1, 3).ToDictionary(l => l, l => StandardsCatalogue.All.Where(s => s.Level == l && s.Type != "S").ToArray());

        var enrolments = new List<SmsEnrolmentRow>(n + 20);
        var learners = new List<SmsLearnerRow>(n + 20);
        var standards = new List<SmsStandardRow>(n * 3);
        var kura = 0;

        // Scenarios: each rare one at least twice, the rest drawn at random, then shuffled (Fisher–Yates).
        var scenarios = new Scenario[n];
        var forced = new[] { Scenario.EnrolmentDifferent, Scenario.LearnerDifferent, Scenario.ResultDifferent, Scenario.New, Scenario.NewUnregistered,
                             Scenario.Leaver, Scenario.NzqaOnly, Scenario.ExtraSmsEntry, Scenario.ExtraNzqaEntry, Scenario.PriorYear };
        for (var i = 0; i < n; i++)
        {
            if (i < forced.Length * 2) { scenarios[i] = forced[i % forced.Length]; continue; }
            var r = rng.NextDouble();
            scenarios[i] = r switch
            {
                < 0.03 => Scenario.EnrolmentDifferent,
                < 0.06 => Scenario.LearnerDifferent,
                < 0.09 => Scenario.ResultDifferent,
                < 0.11 => Scenario.New,
                < 0.12 => Scenario.NewUnregistered,
                < 0.14 => Scenario.Leaver,
                < 0.15 => Scenario.NzqaOnly,
                < 0.17 => Scenario.ExtraSmsEntry,
                < 0.18 => Scenario.ExtraNzqaEntry,
                < 0.21 => Scenario.PriorYear,
                _ => Scenario.Match,
            };
        }
        for (var i = n - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (scenarios[i], scenarios[j]) = (scenarios[j], scenarios[i]);
        }

        Student NewStudent(long nsnBase, int index, int yearLevel, string idPrefix)
        {
            var gender = rng.Next(100) switch { < 49 => "F", < 98 => "M", < 99 => "D", _ => "U" };
            var names = gender == "F" ? FemaleNames : gender == "M" ? MaleNames : (rng.Next(2) == 0 ? FemaleNames : MaleNames);
            var s = new Student
            {
                Nsn = (nsnBase + index * 20L + rng.Next(20)).ToString(CultureInfo.InvariantCulture),
                First = names[rng.Next(names.Length)],
                Middle = rng.Next(100) < 30 ? MiddleNames[rng.Next(MiddleNames.Length)] : null,
                Last = LastNames[rng.Next(LastNames.Length)],
                Gender = gender,
                StudentId = idPrefix + (10000 + index).ToString(CultureInfo.InvariantCulture),
                YearLevel = yearLevel,
                Ethnicities = PickEthnicities(rng),
            };
            s.Dob = new DateOnly(year - yearLevel - 5, 1, 1).AddDays(rng.Next(365));
            var startYear = year - (yearLevel - 9);
            s.EnrolmentDate = startYear < year && rng.Next(10) == 0
                ? new DateOnly(startYear, 3, 1).AddDays(rng.Next(200))
                : new DateOnly(startYear, 1, 29);
            return s;
        }

        void AddEntries(Student s, int provider, int academicYear, int count)
        {
            var level = Math.Clamp(s.YearLevel - 10 - (year - academicYear), 1, 3);
            var pool = pools[level];
            // More entries than the level offers: the adjacent levels' standards too (multi-level study).
            if (count > pool.Length)
                pool = pool.Concat(pools.Where(p => Math.Abs(p.Key - level) == 1).SelectMany(p => p.Value)).ToArray();
            var chosen = new HashSet<int>();
            while (chosen.Count < Math.Min(count, pool.Length)) chosen.Add(rng.Next(pool.Length));
            foreach (var ix in chosen.OrderBy(x => x))
            {
                var st = pool[ix];
                var e = new EntryRow
                {
                    Key = new EntryKey(academicYear, s.Nsn, st.Number, st.Version), Provider = provider, Status = "Entered",
                    EntryMethod = st.IsExternal ? (rng.Next(10) < 7 ? "Digital" : "Paper") : null,
                };
                // Internal results arrive through the year; external results only after the exams (prior years).
                if ((!st.IsExternal && rng.Next(10) < 6) || academicYear < year)
                {
                    e.Result = RandomResult(rng, st);
                    e.ResultProviderCode = provider;
                }
                s.Entries.Add(e);
            }
        }

        void ToNzqa(Student s, int provider, bool link = true, bool enrol = true)
        {
            store.SeedLearner(ToLearner(s), link ? provider : null);
            if (enrol) store.SeedEnrolment(new EnrolmentRow { Nsn = s.Nsn, Provider = provider, LocalStudentId = s.StudentId, EnrolmentDate = s.EnrolmentDate, YearLevel = s.YearLevel });
            foreach (var e in s.Entries) store.SeedEntry(e);
        }

        void ToSms(Student s, string leavingDate = null, string leavingReason = null, bool entries = true)
        {
            enrolments.Add(new SmsEnrolmentRow(s.Nsn, s.StudentId, s.First, s.Last, D(s.EnrolmentDate), s.YearLevel.ToString(CultureInfo.InvariantCulture), leavingDate, leavingReason));
            learners.Add(new SmsLearnerRow(s.Nsn, s.StudentId, s.First, s.Middle, s.Last, D(s.Dob), s.Gender,
                s.Ethnicities.ElementAtOrDefault(0), s.Ethnicities.ElementAtOrDefault(1), s.Ethnicities.ElementAtOrDefault(2)));
            if (entries)
                foreach (var e in s.Entries.Where(e => e.Key.Year == year)) standards.Add(StandardRow(s, e));
        }

        // ---------- Kōwhai High School (257) ----------
        const int school = SandboxState.DemoSchool;
        for (var i = 0; i < n; i++)
        {
            var scenario = scenarios[i];
            var needsEntries = scenario is Scenario.ResultDifferent or Scenario.Leaver or Scenario.ExtraSmsEntry or Scenario.ExtraNzqaEntry or Scenario.PriorYear;
            var yearLevel = needsEntries ? 12 + rng.Next(2) : 9 + rng.Next(5);
            var s = NewStudent(100_000_000, i, yearLevel, "");
            if (s.YearLevel >= 11) AddEntries(s, school, year, state.Options.StandardsPerStudent > 0 ? state.Options.StandardsPerStudent : 3 + rng.Next(4));
            foreach (var e in s.Entries)
                if (e.Result != null && e.ResultProviderCode == school && rng.Next(50) == 0 || (e.Result != null && kura == 0))
                {
                    e.ResultProviderCode = 498; // assessed by Te Kura, reported on the school's entry
                    kura++;
                }

            switch (scenario)
            {
                case Scenario.Match:
                    ToNzqa(s, school);
                    ToSms(s);
                    break;
                case Scenario.EnrolmentDifferent:
                    ToNzqa(s, school);
                    var smsStudent = Copy(s);
                    if (i % 2 == 0) smsStudent.YearLevel = s.YearLevel == 13 ? 12 : s.YearLevel + 1;
                    else smsStudent.EnrolmentDate = s.EnrolmentDate.AddDays(7);
                    ToSms(smsStudent);
                    break;
                case Scenario.LearnerDifferent:
                    ToNzqa(s, school);
                    var changed = Copy(s);
                    switch (i % 4)
                    {
                        case 0: changed.Last = StripMacrons(s.Last) != s.Last ? StripMacrons(s.Last) : s.Last + "e"; break;
                        case 1: changed.Middle = s.Middle == null ? "Tui" : null; break;
                        case 2: changed.Ethnicities = s.Ethnicities[0] == "211" ? new[] { "111" } : new[] { "211" }; break;
                        default: changed.Dob = s.Dob.AddDays(1); break;
                    }
                    ToSms(changed);
                    break;
                case Scenario.ResultDifferent:
                {
                    ToNzqa(s, school);
                    var rows = s.Entries.Select(e => StandardRow(s, e)).ToList();
                    var internalIx = s.Entries.FindIndex(e => e.EntryMethod == null);
                    var ix = internalIx >= 0 ? internalIx : 0;
                    var entry = s.Entries[ix];
                    var st = StandardsCatalogue.Find(entry.Key.Number, entry.Key.Version);
                    rows[ix] = st.IsExternal
                        ? rows[ix] with { EntryMethod = entry.EntryMethod == "Paper" ? "Digital" : "Paper" }
                        : rows[ix] with { Result = entry.Result == "A" ? "N" : "A", ResultProvider = school.ToString(CultureInfo.InvariantCulture) };
                    ToSms(s, entries: false);
                    standards.AddRange(rows);
                    break;
                }
                case Scenario.New:
                    store.SeedLearner(ToLearner(s), null); // registered nationally (earlier schooling), not yet linked to 257
                    s.Entries.RemoveAll(e => e.EntryMethod != null);
                    foreach (var e in s.Entries) { e.Result = null; e.ResultProviderCode = null; }
                    ToSms(s);
                    break;
                case Scenario.NewUnregistered:
                    s.Entries.Clear();
                    ToSms(s);
                    break;
                case Scenario.Leaver:
                {
                    ToNzqa(s, school);
                    var leaving = new DateOnly(year, 3, 1).AddDays(rng.Next(60));
                    if (leaving < s.EnrolmentDate) leaving = s.EnrolmentDate.AddDays(30);
                    ToSms(s, D(leaving), LeavingReasons[rng.Next(LeavingReasons.Length)]);
                    break;
                }
                case Scenario.NzqaOnly:
                    ToNzqa(s, school);
                    break;
                case Scenario.ExtraSmsEntry:
                {
                    ToNzqa(s, school);
                    var taken = s.Entries.Select(e => e.Key.Number).ToHashSet();
                    var extra = FreeInternal(pools, s.YearLevel - 10, taken);
                    ToSms(s);
                    standards.Add(new SmsStandardRow(s.Nsn, s.StudentId, s.First, s.Last, extra.Number, V(extra.Version), V(year), null, null, null, "N"));
                    break;
                }
                case Scenario.ExtraNzqaEntry:
                {
                    ToSms(s);
                    var taken = s.Entries.Select(e => e.Key.Number).ToHashSet();
                    var extra = FreeInternal(pools, s.YearLevel - 10, taken);
                    s.Entries.Add(new EntryRow { Key = new EntryKey(year, s.Nsn, extra.Number, extra.Version), Provider = school, Status = "Entered", Result = "A", ResultProviderCode = school });
                    ToNzqa(s, school);
                    break;
                }
                case Scenario.PriorYear:
                    AddEntries(s, school, year - 1, 2); // last year's entries with results: only NZQA's academicYear filter hides them
                    ToNzqa(s, school);
                    ToSms(s);
                    break;
            }
        }

        // ---------- special cases ----------
        var special = n;
        Student Special(int yearLevel, string first, string last, string middle = null)
        {
            var s = NewStudent(100_000_000, special++, yearLevel, "");
            s.First = first; s.Last = last; s.Middle = middle;
            return s;
        }

        // Hostile and CSV-awkward formal names (escape tests): both sides agree.
        var hostile = Special(12, "Seán", "O'Brien <b>", "<script>alert(1)</script>");
        AddEntries(hostile, school, year, 3);
        var kuraEntry = hostile.Entries.FirstOrDefault(e => e.EntryMethod == null) ?? hostile.Entries[0];
        var kuraStandard = StandardsCatalogue.Find(kuraEntry.Key.Number, kuraEntry.Key.Version);
        kuraEntry.Result = kuraStandard == null || StandardsCatalogue.ResultAllowed(kuraStandard, "E") ? "E" : "A"; // a result the standard allows
        kuraEntry.ResultProviderCode = 498; // Te Kura assessed it; reported on Kōwhai's entry under Te Kura's code
        ToNzqa(hostile, school); ToSms(hostile);
        var comma = Special(11, "Mary-Jane \"MJ\"", "Smith, Jr");
        ToNzqa(comma, school); ToSms(comma);

        // Cannot be sent: a malformed NSN, an impossible date of birth, a duplicate NSN, result "X", standard "99999".
        var badNsn = Special(10, "Aroha", "Ngātai");
        badNsn.Nsn = "12AB";
        ToSms(badNsn);
        var badDob = Special(9, "Wiremu", "Pōmare");
        ToSms(badDob);
        learners[^1] = learners[^1] with { DateOfBirth = $"{year - 14}-02-30" };
        var original = Special(11, "Tama", "Rāwiri");
        ToNzqa(original, school); ToSms(original);
        var duplicate = Special(10, "Tamati", "Rāwiri");
        duplicate.Nsn = original.Nsn; // data-entry slip: two SMS students share one NSN
        ToSms(duplicate);
        var badResult = Special(12, "Mere", "Tūhoe");
        AddEntries(badResult, school, year, 3);
        ToNzqa(badResult, school); ToSms(badResult, entries: false);
        foreach (var e in badResult.Entries)
            standards.Add(e.EntryMethod == null ? StandardRow(badResult, e) with { Result = "X" } : StandardRow(badResult, e));
        if (badResult.Entries.All(e => e.EntryMethod != null))
            standards.Add(new SmsStandardRow(badResult.Nsn, badResult.StudentId, badResult.First, badResult.Last, "91580", "3", V(year), null, "X", V(school), "N"));
        standards.Add(new SmsStandardRow(badResult.Nsn, badResult.StudentId, badResult.First, badResult.Last, "99999", "1", V(year), null, "A", V(school), "N"));

        // NSN conflict: the SMS's date of birth differs from the one NZQA registered under that NSN.
        var conflict = Special(10, "Kahurangi", "Te Whare");
        store.SeedLearner(ToLearner(Copy(conflict, dob: conflict.Dob.AddYears(-1))), null);
        ToSms(conflict);

        // ---------- Harbourside College (311) and Te Kura (498) ----------
        var others = new[] { (311, Math.Max(20, n / 20), 200_000_000L, "H"), (498, Math.Max(10, n / 50), 300_000_000L, "K") };
        foreach (var (provider, count, nsnBase, prefix) in others)
            for (var i = 0; i < count; i++)
            {
                var s = NewStudent(nsnBase, i, 9 + rng.Next(5), prefix);
                if (s.YearLevel >= 11) AddEntries(s, provider, year, 3 + rng.Next(3));
                ToNzqa(s, provider);
            }

        // Transfer in: active at 311 with 311 entries; 257's SMS enrols them (New at 257). The enrolment moves on create.
        var incoming = Special(12, "Sione", "Taufa");
        AddEntries(incoming, 311, year, 3);
        ToNzqa(incoming, 311);
        ToSms(incoming, entries: false);

        // Transferred out: now at 311; 257's entries and results stay under 257 ("results remain intact").
        var outgoing = Special(12, "Anahera", "Pāora");
        AddEntries(outgoing, school, year, 3);
        // A result each standard allows: Merit, or Achieved for a unit standard that awards Achieved only (6401).
        foreach (var e in outgoing.Entries.Where(e => e.Result == null && e.EntryMethod == null))
        {
            var standard = StandardsCatalogue.Find(e.Key.Number, e.Key.Version);
            e.Result = standard == null || StandardsCatalogue.ResultAllowed(standard, "M") ? "M" : "A";
            e.ResultProviderCode = school;
        }
        ToNzqa(outgoing, school);
        store.SeedTransfer(new EnrolmentRow { Nsn = outgoing.Nsn, Provider = 311, LocalStudentId = "H" + outgoing.StudentId, EnrolmentDate = new DateOnly(year, 2, 20), YearLevel = 12 });

        return new SmsExport(school, enrolments, learners, standards);
    }

    // An internal standard the student has no entry for, at their level if one is free, else at any level.
    private static NzqaStandard FreeInternal(Dictionary<int, NzqaStandard[]> pools, int level, HashSet<string> taken) =>
        pools[level].Concat(pools.Values.SelectMany(x => x)).First(x => !x.IsExternal && !taken.Contains(x.Number));

    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static string V(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static SmsStandardRow StandardRow(Student s, EntryRow e) => new(s.Nsn, s.StudentId, s.First, s.Last, e.Key.Number, V(e.Key.Version), V(e.Key.Year),
        e.EntryMethod, e.Result, e.ResultProviderCode is int c ? V(c) : null, e.Status == "Withdrawn" ? "Y" : "N");

    private static LearnerRow ToLearner(Student s) => new()
    {
        Nsn = s.Nsn, FirstName = s.First, MiddleName = s.Middle, LastName = s.Last, DateOfBirth = s.Dob, Gender = s.Gender,
        Ethnicities = s.Ethnicities, LocalStudentId = s.StudentId,
    };

    private static Student Copy(Student s, DateOnly? dob = null) => new()
    {
        Nsn = s.Nsn, First = s.First, Middle = s.Middle, Last = s.Last, Gender = s.Gender, StudentId = s.StudentId, Dob = dob ?? s.Dob,
        EnrolmentDate = s.EnrolmentDate, YearLevel = s.YearLevel, Ethnicities = s.Ethnicities, Entries = s.Entries,
    };

    private static string[] PickEthnicities(Random rng)
    {
        var total = Ethnicities.Sum(e => e.Weight);
        var count = rng.Next(100) switch { < 80 => 1, < 95 => 2, _ => 3 };
        var picked = new List<string>(count);
        for (var guard = 0; picked.Count < count && guard < 20; guard++)
        {
            var r = rng.Next(total);
            foreach (var (code, weight) in Ethnicities)
            {
                if ((r -= weight) >= 0) continue;
                if (!picked.Contains(code)) picked.Add(code);
                break;
            }
        }
        return picked.ToArray();
    }

    private static string RandomResult(Random rng, NzqaStandard st)
    {
        var r = rng.Next(100);
        if (st.Type == "U" && !st.AllowsMerit) return r < 15 ? "N" : r < 98 ? "A" : "SNA";
        return r < 12 ? "N" : r < 52 ? "A" : r < 80 ? "M" : r < 98 ? "E" : "SNA";
    }

    private static string StripMacrons(string s)
    {
        var d = s.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(d.Length);
        foreach (var c in d)
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) sb.Append(c);
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }
}
