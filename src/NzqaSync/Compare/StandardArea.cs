using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NzqaSync.Domain;

namespace NzqaSync.Compare
{
    /// <summary>
    /// Standards: entries and results keyed by NSN + standard number + academic year, checked against NZQA's
    /// catalogue (a known standard, a result valid for it) and NZQA's enrolments (an active enrolment at this school)
    /// before anything is sent — the seed's Troubleshooting list, done for the user.
    /// </summary>
    public sealed class StandardArea : RecordArea<StandardRecord, StandardDiff>
    {
        private readonly IReadOnlyDictionary<string, StandardDefinition> _catalogue;
        private readonly ISet<string> _enrolledNsns;
        private readonly int _provider;

        /// <param name="catalogue">Standards by number; null skips the catalogue checks.</param>
        /// <param name="enrolledNsns">NSNs with an active enrolment at this provider; null skips that check.</param>
        public StandardArea(int provider, IReadOnlyDictionary<string, StandardDefinition> catalogue, ISet<string> enrolledNsns)
        {
            _provider = provider;
            _catalogue = catalogue;
            _enrolledNsns = enrolledNsns;
            Fields = new[]
            {
                new ComparedField<StandardRecord>("StandardVersion", r => r?.StandardVersion?.ToString(CultureInfo.InvariantCulture) ?? VersionOf(r)),
                new ComparedField<StandardRecord>("EntryMethod", r => Capitalise(r?.EntryMethod)),
                // One field for the result and whose assessment it is: "A", or "A (provider 498)" for another provider's.
                new ComparedField<StandardRecord>("Result", ResultWithProvider),
                new ComparedField<StandardRecord>("Status", r => r == null ? null : r.IsWithdrawn ? "Withdrawn" : "Entered"),
            };
        }

        public override string Kind => "Standard";
        public override IReadOnlyList<ComparedField<StandardRecord>> Fields { get; }
        public int Provider => _provider;

        public override string KeyOf(StandardRecord record)
        {
            var nsn = NationalStudentNumber.Normalise(record?.Nsn);
            var number = record?.StandardNumber?.Trim();
            if (nsn == null || string.IsNullOrEmpty(number) || record.AcademicYear == null) return null;
            return nsn + "/" + number + "/" + record.AcademicYear.Value.ToString(CultureInfo.InvariantCulture);
        }

        public override string NsnOf(StandardRecord record) => NationalStudentNumber.Normalise(record?.Nsn) ?? record?.Nsn;
        public override string NameOf(StandardRecord record) => record?.Name;
        public override StandardDiff CreateDiff(StandardRecord local, StandardRecord nzqa) =>
            new StandardDiff { Local = local, Nzqa = nzqa, CatalogueVersion = Definition((local ?? nzqa)?.StandardNumber)?.Version };

        public StandardDefinition Definition(string number) =>
            number != null && _catalogue != null && _catalogue.TryGetValue(number.Trim(), out var d) ? d : null;

        public override IEnumerable<RecordProblem> Check(StandardRecord local)
        {
            var nsn = NationalStudentNumber.Check(local.Nsn);
            if (nsn != null) yield return nsn;
            var number = local.StandardNumber?.Trim();
            if (string.IsNullOrEmpty(number))
                yield return new RecordProblem("NzqaMissingField", "StandardNumber", "The standard number is missing.");
            else if (!number.All(char.IsDigit) || number.Length > 6)
                yield return new RecordProblem("NzqaInvalidStandard", "StandardNumber", $"'{number}' is not a standard number.");
            else if (_catalogue != null && !_catalogue.ContainsKey(number))
                yield return new RecordProblem("NzqaUnknownStandard", "StandardNumber", $"Standard {number} is not in NZQA's catalogue.");
            if (local.StandardVersion != null && local.StandardVersion < 1)
                yield return new RecordProblem("NzqaInvalidStandard", "StandardVersion", $"Version {local.StandardVersion} is not a standard version (1 or more).");
            if (local.AcademicYear == null)
                yield return new RecordProblem("NzqaMissingField", "AcademicYear", "The academic year is missing.");
            else if (local.AcademicYear < 2000 || local.AcademicYear > DateTime.Today.Year + 1)
                yield return new RecordProblem("NzqaInvalidYear", "AcademicYear", $"Academic year {local.AcademicYear} is not plausible.");

            var result = ResultCode.Normalise(local.Result);
            if (result != null)
            {
                var definition = Definition(number);
                if (!ResultCode.IsKnown(result))
                    yield return new RecordProblem("NzqaInvalidResult", "Result", $"'{local.Result}' is not a result code: N, A, M, E or SNA.");
                else if (definition != null && !ResultCode.IsValidFor(result, definition))
                    yield return new RecordProblem("NzqaInvalidResult", "Result",
                        $"Result {result} is not valid for {Describe(definition)} {number}: use {string.Join(", ", ResultCode.ValidFor(definition))}.");
            }
            if (local.EntryMethod != null && Capitalise(local.EntryMethod) != "Paper" && Capitalise(local.EntryMethod) != "Digital")
                yield return new RecordProblem("NzqaInvalidEntryMethod", "EntryMethod", $"'{local.EntryMethod}' is not an entry method: Paper or Digital.");

            // ProviderNumber: up to 5 digits (NZQA's data exchange spec), e.g. Te Kura 498.
            if (local.ResultProviderCode != null && (local.ResultProviderCode < 1 || local.ResultProviderCode > 99999))
                yield return new RecordProblem("NzqaInvalidProvider", "ResultProviderCode", $"Provider code {local.ResultProviderCode} is not a provider number (1 to 5 digits).");
            // Anything but Entered or Withdrawn would otherwise be sent as Entered.
            if (!string.IsNullOrWhiteSpace(local.Status) && !local.IsWithdrawn && !string.Equals(local.Status.Trim(), "Entered", StringComparison.OrdinalIgnoreCase))
                yield return new RecordProblem("NzqaInvalidStatus", "Status", $"'{local.Status}' is not an entry status: Entered or Withdrawn.");
        }

        /// <summary>
        /// A new entry needs an active enrolment at this school. An entry NZQA already holds does not: after a transfer
        /// the first school's entries and results stay valid under its code and it may still report results on them.
        /// </summary>
        public override IEnumerable<RecordProblem> CheckAgainstNzqa(StandardRecord local, StandardRecord nzqa)
        {
            var key = NationalStudentNumber.Normalise(local.Nsn);
            if (nzqa == null && key != null && _enrolledNsns != null && !local.IsWithdrawn && !_enrolledNsns.Contains(key))
                yield return new RecordProblem("NzqaNoActiveEnrolment", "Nsn",
                    $"NSN {key} has no active enrolment at provider {_provider}: sync the enrolment first.");
        }

        public override (DiffStatus, SyncStatus) ClassifyMissingAtNzqa(StandardRecord local) =>
            local.IsWithdrawn ? (DiffStatus.Match, SyncStatus.Match) : (DiffStatus.New, SyncStatus.Pending);

        private string ResultWithProvider(StandardRecord r)
        {
            var code = ResultCode.Normalise(r?.Result);
            if (code == null) return null;
            var provider = r.ResultProviderCode ?? _provider;
            return provider == _provider ? code : code + " (provider " + provider.ToString(CultureInfo.InvariantCulture) + ")";
        }

        private string VersionOf(StandardRecord r) => r == null ? null : Definition(r.StandardNumber)?.Version.ToString(CultureInfo.InvariantCulture);

        private static string Describe(StandardDefinition d) =>
            d.Type == "U" ? (d.AllowsMerit ? "unit standard" : "unit standard (Achieved only)") : d.Type == "S" ? "scholarship standard" : "achievement standard";

        private static string Capitalise(string value)
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            var t = value.Trim();
            return char.ToUpperInvariant(t[0]) + t.Substring(1).ToLowerInvariant();
        }
    }
}
