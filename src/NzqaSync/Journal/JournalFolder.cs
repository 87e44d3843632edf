using System;
using System.IO;

namespace NzqaSync.Journal
{
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
    }
}
