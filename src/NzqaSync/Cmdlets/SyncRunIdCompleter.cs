using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using NzqaSync.Journal;

namespace NzqaSync.Cmdlets;

/// <summary>Completes journal run ids, newest first, from the journal folder in use.</summary>
public sealed class SyncRunIdCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var folder = fakeBoundParameters?["Path"] as string ?? SessionConnections.GetNzqa()?.JournalPath ?? JournalFolder.Default();
        IReadOnlyList<JournalRun> runs;
        try { runs = new SyncJournalReader(folder).LoadRecent(r => r.Runs.Count(x => x.Started != null) >= 50).Runs; }
        catch (Exception) { return Array.Empty<CompletionResult>(); }
        var byId = runs.Where(r => r.Started != null).OrderByDescending(r => r.Started).Take(50).ToDictionary(r => r.RunId, StringComparer.OrdinalIgnoreCase);
        return Completion.Matching(byId.Keys, wordToComplete, id => $"{byId[id].Api} {byId[id].Kind}, {byId[id].Started:yyyy-MM-dd HH:mm}, {byId[id].Total} records");
    }
}
