using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using NzqaSync.Journal;

namespace NzqaSync.Tests.Security;

/// <summary>
/// Issue #17 item 2: the journal folder and file are the user's own. "Another user" is simulated with chown to
/// nobody (uid 65534), which needs root (the CI machine runs as root); those cases return early elsewhere.
/// Windows (the protected ACL) cannot run here.
/// </summary>
public sealed class JournalOwnershipTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "nzqasync-owner-" + Guid.NewGuid().ToString("N"));

    public JournalOwnershipTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        foreach (var link in Directory.EnumerateFileSystemEntries(_root, "*", SearchOption.AllDirectories).Where(p => new FileInfo(p).LinkTarget != null).ToList())
            File.Delete(link);
        Directory.Delete(_root, true);
    }

    private static bool IsRoot => !OperatingSystem.IsWindows() && Environment.UserName == "root";

    private static void Chown(string path, int uid)
    {
        using var p = Process.Start(new ProcessStartInfo("chown", $"{uid} \"{path}\"") { UseShellExecute = false })!;
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
    }

    private static void Write(string folder) => new SyncJournal(folder).RunStarted("run-1", "Nzqa", "Enrolment", 1);

    [Fact]
    public void A_folder_another_user_owns_is_refused_and_nothing_is_written_to_it()
    {
        if (!IsRoot) return;
        var folder = Path.Combine(_root, "journal");
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, (UnixFileMode)0x1FF); // 0777: the other user's trap
        Chown(folder, 65534);

        var error = Assert.Throws<UnsafePathException>(() => Write(folder));

        Assert.Contains("another user", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
        Assert.Equal((UnixFileMode)0x1FF, File.GetUnixFileMode(folder));
    }

    [Fact]
    public void An_own_folder_others_can_write_to_is_refused()
    {
        if (OperatingSystem.IsWindows()) return;
        var folder = Path.Combine(_root, "journal");
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, (UnixFileMode)0x1FF);

        var error = Assert.Throws<UnsafePathException>(() => Write(folder));

        Assert.Contains("0777", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
    }

    [Fact]
    public void A_symlinked_folder_is_refused_and_its_target_keeps_its_mode()
    {
        if (OperatingSystem.IsWindows()) return;
        var target = Path.Combine(_root, "elsewhere");
        Directory.CreateDirectory(target);
        File.SetUnixFileMode(target, (UnixFileMode)0x1ED); // 0755
        var folder = Path.Combine(_root, "journal");
        Directory.CreateSymbolicLink(folder, target);

        var error = Assert.Throws<UnsafePathException>(() => Write(folder));

        Assert.Contains("symbolic link", error.Message);
        Assert.Equal((UnixFileMode)0x1ED, File.GetUnixFileMode(target));
        Assert.Empty(Directory.EnumerateFileSystemEntries(target));
    }

    [Fact]
    public void A_journal_file_swapped_for_a_symlink_is_refused_and_the_link_target_is_untouched()
    {
        if (OperatingSystem.IsWindows()) return;
        var folder = Path.Combine(_root, "journal");
        var journal = new SyncJournal(folder);
        journal.RunStarted("run-0", "Nzqa", "Enrolment", 1); // the folder exists, owner-only
        var victim = Path.Combine(_root, "bashrc");
        File.WriteAllText(victim, "alias ls='ls --color'\n");
        File.Delete(journal.CurrentFile());
        File.CreateSymbolicLink(journal.CurrentFile(), victim);

        var error = Assert.Throws<UnsafePathException>(() => journal.RunStarted("run-1", "Nzqa", "Enrolment", 1));

        Assert.Contains("symbolic link", error.Message);
        Assert.Equal("alias ls='ls --color'\n", File.ReadAllText(victim));
    }

    [Fact]
    public void A_journal_file_another_user_planted_is_refused()
    {
        if (!IsRoot) return;
        var folder = Path.Combine(_root, "journal");
        var journal = new SyncJournal(folder);
        journal.RunStarted("run-0", "Nzqa", "Enrolment", 1);
        File.Delete(journal.CurrentFile());
        File.WriteAllText(journal.CurrentFile(), "");
        File.SetUnixFileMode(journal.CurrentFile(), (UnixFileMode)0x1B6); // 0666
        Chown(journal.CurrentFile(), 65534);

        var error = Assert.Throws<UnsafePathException>(() => journal.RunStarted("run-1", "Nzqa", "Enrolment", 1));

        Assert.Contains("another user", error.Message);
        Assert.Equal(0, new FileInfo(journal.CurrentFile()).Length);
    }

    [Fact]
    public void The_folder_is_0700_and_an_existing_own_file_is_made_0600()
    {
        if (OperatingSystem.IsWindows()) return;
        var folder = Path.Combine(_root, "journal");
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, (UnixFileMode)0x1ED); // 0755: the user's own, readable by others
        var journal = new SyncJournal(folder);
        File.WriteAllText(journal.CurrentFile(), "");
        File.SetUnixFileMode(journal.CurrentFile(), (UnixFileMode)0x1A4); // 0644

        journal.RunStarted("run-1", "Nzqa", "Enrolment", 1);

        Assert.Equal((UnixFileMode)0x1C0, File.GetUnixFileMode(folder));
        Assert.Equal((UnixFileMode)0x180, File.GetUnixFileMode(journal.CurrentFile()));
        Assert.Single(File.ReadAllLines(journal.CurrentFile()));
    }
}
