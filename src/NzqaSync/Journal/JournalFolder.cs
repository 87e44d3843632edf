using System.Runtime.InteropServices;

namespace NzqaSync.Journal;

/// <summary>
/// Where the journal lives and how its files are opened: owner-only (<see cref="OwnerOnlyFiles"/>: folder 0700 and
/// files 0600 on Unix, links and other users' folders or files refused; a protected ACL on Windows) and appended with O_APPEND on Unix, because FileMode.Append from two processes
/// on Linux lost about half the lines (shared/docs/measured/isolation-and-journal.md).
/// </summary>
public static class JournalFolder
{
    public const string EnvironmentVariable = "NZQASYNC_JOURNAL_PATH";

    public static string Default()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment)) return Path.GetFullPath(fromEnvironment);
        var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        if (string.IsNullOrEmpty(local)) local = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return Path.Combine(local, "NzqaSync", "journal");
    }

    /// <summary>Creates the folder owner-only, or refuses one that is a link, another user's, or writable by others.</summary>
    /// <exception cref="UnsafePathException">The folder cannot be trusted with learners' data.</exception>
    public static void EnsureOwnerOnly(string folder) => OwnerOnlyFiles.EnsureFolder(folder, "journal");

    /// <summary>Opens <paramref name="path"/> for appending, creating it owner-only; refuses a link or another user's file.</summary>
    public static FileStream OpenAppend(string path) => OwnerOnlyFiles.OpenAppend(path, "journal");

    /// <summary>
    /// The folder's lock file, flock()ed shared by every appender around open+write+fsync and exclusively by
    /// Clear-NzqaSyncLog around rewriting a file: a rewrite (new file renamed over the old) can then never
    /// land while an appender holds the old file open, so no appended line is lost to the replaced inode.
    /// Windows appenders already serialise on a per-file mutex; the cleaner takes that (JournalRetention).
    /// </summary>
    public static IDisposable Lock(string folder, bool exclusive)
    {
        if (!IsUnix) return null;
        var path = Path.Combine(folder, ".journal.lock");
        var fd = open(path, RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? 0x2 | 0x200 | 0x1000000 : 0x2 | 0x40 | 0x80000, 0x180); // O_RDWR|O_CREAT|O_CLOEXEC, 0600
        if (fd < 0) throw new IOException($"Cannot open the journal lock '{path}' (errno {Marshal.GetLastWin32Error()}).");
        while (flock(fd, exclusive ? 2 : 1) != 0) // LOCK_EX : LOCK_SH
        {
            if (Marshal.GetLastWin32Error() == 4) continue; // EINTR
            var errno = Marshal.GetLastWin32Error();
            close(fd);
            throw new IOException($"Cannot lock the journal '{path}' (errno {errno}).");
        }
        return new FileLock(fd);
    }

    private sealed class FileLock : IDisposable
    {
        private int _fd;
        public FileLock(int fd) => _fd = fd;
        public void Dispose()
        {
            var fd = System.Threading.Interlocked.Exchange(ref _fd, -1);
            if (fd >= 0) close(fd); // closing the descriptor releases the flock
        }
    }

    /// <summary>A journal file's whole text, read while other processes may append to it, or rewrite and rename it.</summary>
    public static string ReadShared(string path)
    {
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        using (var reader = new StreamReader(stream, Encoding.UTF8))
            return reader.ReadToEnd();
    }

    /// <summary>Replaces <paramref name="path"/> with <paramref name="replacement"/> in one step (rename).</summary>
    public static void ReplaceWith(string replacement, string path)
    {
        if (IsUnix)
        {
            if (rename(replacement, path) != 0)
                throw new IOException($"Cannot replace the journal '{path}' (errno {Marshal.GetLastWin32Error()}).");
            return;
        }
        File.Replace(replacement, path, null);
    }

    private static bool IsUnix => !RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

    [DllImport("libc", SetLastError = true)]
    private static extern int flock(int fd, int operation);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int rename(string oldPath, string newPath);

    [DllImport("libc", SetLastError = true)]
    private static extern int open(string path, int flags, int mode);
}
