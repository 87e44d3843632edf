using System.Management.Automation;
using NzqaSync.Journal;

namespace NzqaSync.Cmdlets;

/// <summary>The sync history from the journal: one entry per record pushed, or the status banner with -Summary.</summary>
[Cmdlet(VerbsCommon.Get, "NzqaSyncLog", DefaultParameterSetName = ParameterSets.Entries)]
[OutputType(typeof(SyncLogEntry), ParameterSetName = new[] { "Entries" })]
[OutputType(typeof(SyncLogSummary), ParameterSetName = new[] { "Summary" })]
public sealed class GetNzqaSyncLogCommand : NzqaCmdlet
{
    /// <summary>The journal folder; by default the connection's, else $env:NZQASYNC_JOURNAL_PATH, else the user's local app data.</summary>
    [Parameter]
    [Alias("JournalPath")]
    public string Path { get; set; }

    [Parameter(ParameterSetName = ParameterSets.Entries)]
    public DateTime Since { get; set; }

    [Parameter]
    [ValidateSet("Nzqa", "Dxp")]
    public string Api { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(SyncKindCompleter))]
    [ValidateSyncKind]
    public string[] Kind { get; set; }

    [Parameter(ParameterSetName = ParameterSets.Entries)]
    [ValidateSet(JournalOutcome.Pending, JournalOutcome.Synced, JournalOutcome.Failed, JournalOutcome.InDoubt)]
    public string[] Outcome { get; set; }

    [Parameter(ParameterSetName = ParameterSets.Entries)]
    [ArgumentCompleter(typeof(SyncRunIdCompleter))]
    public string RunId { get; set; }

    [Parameter(ParameterSetName = ParameterSets.Entries)]
    [ValidateRange(1, int.MaxValue)]
    public int Last { get; set; }

    /// <summary>Only entries for these record keys: a whole key, or the leading part of a compound key (an NSN matches "NSN/standard/year"); wildcards allowed.</summary>
    [Parameter(ParameterSetName = ParameterSets.Entries)]
    [SupportsWildcards]
    public string[] Key { get; set; }

    /// <summary>Also returns each entry's redacted HTTP exchange (Exchange property) where one was kept.</summary>
    [Parameter(ParameterSetName = ParameterSets.Entries)]
    public SwitchParameter IncludeExchange { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.Summary)]
    public SwitchParameter Summary { get; set; }

    protected override void EndProcessing()
    {
        var folder = Path != null ? GetUnresolvedProviderPathFromPSPath(Path)
            : SessionConnections.GetNzqa()?.JournalPath ?? SessionConnections.GetDxp<Api.DxpConnection>()?.JournalPath ?? JournalFolder.Default();
        if (Path != null && !Directory.Exists(folder) && !IsSessionJournal(folder))
        {
            // An admin reads an empty answer as "no failures": a -Path that is no journal folder says so (unless it is
            // the journal this session's connection was given, which exists once something has been sent).
            var isFile = File.Exists(folder);
            var message = isFile
                ? $"'{folder}' is a file, not a journal folder: give the journal folder (the -JournalPath given to Connect-Nzqa or Connect-Dxp)."
                : $"There is no journal folder at '{folder}': nothing was read.";
            WriteError(AdvisedError.Of(new ItemNotFoundException(message), ErrorIds.NzqaSyncLogNotFound, ErrorCategory.ObjectNotFound, Path,
                "Give the journal folder the sync used (Connect-Nzqa/Connect-Dxp -JournalPath), or leave -Path out to read the connection's journal."));
            return;
        }
        if (Path == null && !Directory.Exists(folder) && SessionConnections.GetNzqa() == null && SessionConnections.GetDxp<Api.DxpConnection>() == null)
            // Not an error (nothing may have been sent yet), but an empty answer must not read as "no runs" when the runs
            // journalled elsewhere (a nightly script's -JournalPath, another account's default).
            WriteWarning($"No journal at '{folder}' (the default): nothing has been journalled there. A script run with -JournalPath journals in " +
                         "that folder: Get-NzqaSyncLog -Path <that folder>.");
        WriteVerbose($"Reading the sync journal in {folder}.");
        var reader = new SyncJournalReader(folder, IncludeExchange);
        if (Summary)
        {
            foreach (var summary in reader.LoadOpen().Summaries().Where(s => Matches(s.Api, s.Kind))) WriteObject(summary);
            return;
        }

        // Recent history reads only the newest months that hold the answer (Journal/SyncJournalReader.LoadRecent).
        reader.LoadRecent(Answered);
        WriteVerbose($"Read {reader.FilesRead} journal file(s).");
        var list = Selected(reader.Entries).ToList();
        if (Last > 0 && list.Count > Last) list = list.Skip(list.Count - Last).ToList();
        WriteObject(list, true);
    }

    private static bool IsSessionJournal(string folder)
    {
        static string Trimmed(string path) => path?.TrimEnd(System.IO.Path.DirectorySeparatorChar, System.IO.Path.AltDirectorySeparatorChar);
        var given = Trimmed(System.IO.Path.GetFullPath(folder));
        return new[] { SessionConnections.GetNzqa()?.JournalPath, SessionConnections.GetDxp<Api.DxpConnection>()?.JournalPath }
            .Any(j => j != null && string.Equals(Trimmed(System.IO.Path.GetFullPath(j)), given, StringComparison.Ordinal));
    }

    private bool SinceGiven => MyInvocation.BoundParameters.ContainsKey(nameof(Since));

    /// <summary>The months read so far hold every entry asked for: all since -Since, the -RunId's start, or -Last of them.</summary>
    private bool Answered(SyncJournalReader read) =>
        (SinceGiven && read.OldestMonthRead != null && read.OldestMonthRead.Value <= Since.AddDays(-1))
        || (RunId != null && read.Runs.Any(r => r.Started != null && string.Equals(r.RunId, RunId, StringComparison.OrdinalIgnoreCase)))
        || (Last > 0 && Selected(read.Entries).Skip(Last - 1).Any());

    private IEnumerable<SyncLogEntry> Selected(IEnumerable<SyncLogEntry> entries)
    {
        entries = entries.Where(e => Matches(e.Api, e.Kind));
        if (SinceGiven) entries = entries.Where(e => e.Timestamp >= new DateTimeOffset(Since));
        if (Outcome != null) entries = entries.Where(e => Outcome.Contains(e.Outcome, StringComparer.OrdinalIgnoreCase));
        if (Key != null)
        {
            var patterns = Key.Select(k => new WildcardPattern(k, WildcardOptions.IgnoreCase)).ToList();
            entries = entries.Where(e => SyncLogKey.Matches(e.Key, part => patterns.Any(p => p.IsMatch(part))));
        }
        if (RunId != null) entries = entries.Where(e => string.Equals(e.RunId, RunId, StringComparison.OrdinalIgnoreCase));
        return entries;
    }

    private bool Matches(string api, string kind) =>
        (Api == null || string.Equals(Api, api, StringComparison.OrdinalIgnoreCase)) &&
        (Kind == null || Kind.Contains(kind, StringComparer.OrdinalIgnoreCase));
}
