using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace NzqaSync.Journal;

/// <summary>A file or folder that is not safe to hold learners' data: not the user's own, writable by others, or a symbolic link.</summary>
public sealed class UnsafePathException : IOException
{
    public UnsafePathException(string path, string message) : base(message) => Path = path;

    public string Path { get; }
}

/// <summary>
/// Files that hold learners' data (the journal, the review page) are the user's own: on Unix a folder must be owned
/// by the user and writable by nobody else (it is set to 0700), a file is opened without following a symbolic link
/// (O_NOFOLLOW), and the opened file's owner and mode are checked with fstat (set to 0600). On Windows a folder gets
/// a protected ACL (owner and SYSTEM only) and reparse points (symbolic links, junctions) are refused.
/// </summary>
/// <remarks>
/// netstandard2.0 has no API for a file's owner, so on Unix the checks call the .NET runtime's own portable stat
/// (libSystem.Native's SystemNative_LStat/FStat, whose FileStatus starts Flags, Mode, Uid, Gid on every platform
/// and architecture) rather than libc's struct stat, whose layout differs between x64, arm64 and macOS.
/// </remarks>
public static class OwnerOnlyFiles
{
    private const int TypeMask = 0xF000, TypeDirectory = 0x4000, TypeRegular = 0x8000, TypeSymbolicLink = 0xA000;
    private const int ENOENT = 2, EEXIST = 17, ELOOP_LINUX = 40, ELOOP_MAC = 62;

    public static bool IsUnix => !RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

    /// <summary>Creates <paramref name="folder"/> owner-only, or checks an existing one is the user's own and closed to others.</summary>
    /// <exception cref="UnsafePathException">The folder is a link, not the user's, or others can write to it.</exception>
    public static void EnsureFolder(string folder, string what)
    {
        if (!IsUnix)
        {
            EnsureFolderWindows(folder, what);
            return;
        }
        if (SystemNative_LStat(folder, out var status) != 0)
        {
            var errno = Marshal.GetLastWin32Error();
            if (errno != ENOENT) throw new IOException($"Cannot read the {what} folder '{folder}' (errno {errno}).");
            var parent = Path.GetDirectoryName(folder);
            if (!string.IsNullOrEmpty(parent)) Directory.CreateDirectory(parent);
            if (mkdir(folder, 0x1C0) != 0) // 0700
            {
                errno = Marshal.GetLastWin32Error();
                if (errno != EEXIST) throw new IOException($"Cannot create the {what} folder '{folder}' (errno {errno}).");
            }
            if (SystemNative_LStat(folder, out status) != 0)
                throw new IOException($"Cannot read the {what} folder '{folder}' (errno {Marshal.GetLastWin32Error()}).");
        }
        var type = status.Mode & TypeMask;
        if (type == TypeSymbolicLink)
            throw new UnsafePathException(folder, $"The {what} folder '{folder}' is a symbolic link; NzqaSync writes only to a real folder of your own. Give a folder path that is not a link.");
        if (type != TypeDirectory)
            throw new UnsafePathException(folder, $"The {what} folder '{folder}' is not a folder.");
        if (status.Uid != geteuid())
            throw new UnsafePathException(folder, $"The {what} folder '{folder}' belongs to another user (uid {status.Uid}); NzqaSync keeps learners' data only in a folder of your own. " +
                                                  "Give another folder, or remove this one so it is created afresh.");
        if ((status.Mode & 0x12) != 0) // group or others may write: files could be planted, swapped or read
            throw new UnsafePathException(folder, $"Others can write to the {what} folder '{folder}' (mode {Octal(status.Mode)}); NzqaSync keeps learners' data only in a folder closed to others. " +
                                                  $"Check what is in it, then 'chmod 700 {folder}'.");
        if ((status.Mode & 0x3F) != 0 && chmod(folder, 0x1C0) != 0)
            throw new UnsafePathException(folder, $"Cannot make the {what} folder '{folder}' owner-only (errno {Marshal.GetLastWin32Error()}).");
    }

    /// <summary>Opens <paramref name="path"/> for appending (O_APPEND on Unix), creating it owner-only; refuses a link and a file that is not the user's own.</summary>
    public static FileStream OpenAppend(string path, string what)
    {
        if (!IsUnix)
        {
            RefuseReparsePoint(path, what);
            return new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, 1);
        }
        return OpenUnix(path, what, Flags.WriteOnly | Flags.Create | Flags.Append);
    }

    /// <summary>
    /// Creates <paramref name="path"/> for writing, owner-only (0600 on Unix). An existing file is refused unless
    /// <paramref name="overwrite"/>; a symbolic link at the path is refused always.
    /// </summary>
    public static FileStream Create(string path, bool overwrite, string what)
    {
        if (!IsUnix)
        {
            RefuseReparsePoint(path, what);
            var created = new FileStream(path, overwrite ? FileMode.Create : FileMode.CreateNew, FileAccess.Write, FileShare.Read);
            try { RestrictWindows(path, what, "D:P(A;;FA;;;OW)(A;;FA;;;SY)"); }
            catch { created.Dispose(); throw; }
            return created;
        }
        // Never O_TRUNC: a file that turns out to be another user's must not be emptied before it is refused.
        var stream = OpenUnix(path, what, Flags.WriteOnly | Flags.Create | (overwrite ? 0 : Flags.Exclusive));
        stream.SetLength(0);
        return stream;
    }

    private static FileStream OpenUnix(string path, string what, Flags wanted)
    {
        var fd = open(path, Native(wanted | Flags.NoFollow | Flags.CloseOnExec), 0x180); // 0600
        if (fd < 0)
        {
            var errno = Marshal.GetLastWin32Error();
            if (errno == ELOOP_LINUX || errno == ELOOP_MAC || IsLink(path))
                throw new UnsafePathException(path, $"The {what} '{path}' is a symbolic link; NzqaSync does not write through links. Remove the link or give another path.");
            if ((wanted & Flags.Exclusive) != 0 && File.Exists(path))
                throw new IOException($"The {what} '{path}' already exists.");
            throw new IOException($"Cannot open the {what} '{path}' (errno {errno}).");
        }
        var handle = new SafeFileHandle((IntPtr)fd, true);
        try
        {
            if (SystemNative_FStat(handle, out var status) != 0)
                throw new IOException($"Cannot read the {what} '{path}' (errno {Marshal.GetLastWin32Error()}).");
            if ((status.Mode & TypeMask) != TypeRegular)
                throw new UnsafePathException(path, $"The {what} '{path}' is not a plain file.");
            if (status.Uid != geteuid())
                throw new UnsafePathException(path, $"The {what} '{path}' belongs to another user (uid {status.Uid}); NzqaSync writes learners' data only to a file of your own.");
            if ((status.Mode & 0x3F) != 0 && fchmod(handle, 0x180) != 0)
                throw new UnsafePathException(path, $"Cannot make the {what} '{path}' owner-only (errno {Marshal.GetLastWin32Error()}).");
            return new FileStream(handle, FileAccess.Write, 1);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static bool IsLink(string path) => SystemNative_LStat(path, out var s) == 0 && (s.Mode & TypeMask) == TypeSymbolicLink;

    private static string Octal(int mode) => "0" + Convert.ToString(mode & 0xFFF, 8);

    [Flags]
    private enum Flags
    {
        WriteOnly = 1, Create = 2, Append = 4, Exclusive = 16, NoFollow = 32, CloseOnExec = 64,
    }

    /// <summary>The platform's open(2) flags: Linux x64/x86, Linux arm/arm64 (O_NOFOLLOW differs) and macOS.</summary>
    private static int Native(Flags flags)
    {
        var mac = RuntimeInformation.IsOSPlatform(OSPlatform.OSX);
        var arm = RuntimeInformation.ProcessArchitecture == Architecture.Arm || RuntimeInformation.ProcessArchitecture == Architecture.Arm64;
        var n = 0;
        if ((flags & Flags.WriteOnly) != 0) n |= 0x1;
        if ((flags & Flags.Create) != 0) n |= mac ? 0x200 : 0x40;
        if ((flags & Flags.Append) != 0) n |= mac ? 0x8 : 0x400;
        if ((flags & Flags.Exclusive) != 0) n |= mac ? 0x800 : 0x80;
        if ((flags & Flags.NoFollow) != 0) n |= mac ? 0x100 : arm ? 0x8000 : 0x20000;
        if ((flags & Flags.CloseOnExec) != 0) n |= mac ? 0x1000000 : 0x80000;
        return n;
    }

    // ---- Windows: cannot run on the Linux build machine; kept small and dependency-free (advapi32). ----

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> SecuredOnWindows =
        new System.Collections.Concurrent.ConcurrentDictionary<string, bool>(StringComparer.OrdinalIgnoreCase);

    private static void EnsureFolderWindows(string folder, string what)
    {
        if (SecuredOnWindows.ContainsKey(folder) && Directory.Exists(folder)) return;
        var existed = Directory.Exists(folder);
        if (existed && (new DirectoryInfo(folder).Attributes & FileAttributes.ReparsePoint) != 0)
            throw new UnsafePathException(folder, $"The {what} folder '{folder}' is a symbolic link or junction; NzqaSync writes only to a real folder of your own.");
        if (!existed) Directory.CreateDirectory(folder);
        // Protected DACL: full control for the owner (OW) and SYSTEM, inherited by files; no other user's entries.
        RestrictWindows(folder, what + " folder", "D:P(A;OICI;FA;;;OW)(A;OICI;FA;;;SY)");
        SecuredOnWindows[folder] = true;
    }

    private static void RestrictWindows(string path, string what, string sddl)
    {
        if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(sddl, 1, out var descriptor, out _))
            throw new IOException($"Cannot build an owner-only ACL for '{path}' (error {Marshal.GetLastWin32Error()}).");
        try
        {
            if (!GetSecurityDescriptorDacl(descriptor, out _, out var dacl, out _))
                throw new IOException($"Cannot build an owner-only ACL for '{path}' (error {Marshal.GetLastWin32Error()}).");
            const uint DaclSecurityInformation = 0x4, ProtectedDacl = 0x80000000;
            var error = SetNamedSecurityInfoW(path, 1 /* SE_FILE_OBJECT */, DaclSecurityInformation | ProtectedDacl, IntPtr.Zero, IntPtr.Zero, dacl, IntPtr.Zero);
            if (error != 0)
                throw new UnsafePathException(path, $"Cannot make the {what} '{path}' owner-only (error {error}); is it your own?");
        }
        finally
        {
            LocalFree(descriptor);
        }
    }

    private static void RefuseReparsePoint(string path, string what)
    {
        if (File.Exists(path) && (File.GetAttributes(path) & FileAttributes.ReparsePoint) != 0)
            throw new UnsafePathException(path, $"The {what} '{path}' is a symbolic link; NzqaSync does not write through links.");
    }

    /// <summary>The runtime's FileStatus; only the leading fields are read, the rest is room for any runtime's layout.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct FileStatus
    {
        public int Flags;
        public int Mode;
        public uint Uid;
        public uint Gid;
        [MarshalAs(UnmanagedType.ByValArray, SizeConst = 40)]
        public long[] Rest;
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat", SetLastError = true, CharSet = CharSet.Ansi)]
    private static extern int SystemNative_LStat(string path, out FileStatus status);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_FStat", SetLastError = true)]
    private static extern int SystemNative_FStat(SafeFileHandle fd, out FileStatus status);

    [DllImport("libc", SetLastError = true)]
    private static extern uint geteuid();

    [DllImport("libc", SetLastError = true)]
    private static extern int open(string path, int flags, int mode);

    [DllImport("libc", SetLastError = true)]
    private static extern int mkdir(string path, int mode);

    [DllImport("libc", SetLastError = true)]
    private static extern int chmod(string path, int mode);

    [DllImport("libc", SetLastError = true)]
    private static extern int fchmod(SafeFileHandle fd, int mode);

    [DllImport("advapi32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
    private static extern bool ConvertStringSecurityDescriptorToSecurityDescriptorW(string sddl, uint revision, out IntPtr descriptor, out uint size);

    [DllImport("advapi32.dll", SetLastError = true)]
    private static extern bool GetSecurityDescriptorDacl(IntPtr descriptor, out bool present, out IntPtr dacl, out bool defaulted);

    [DllImport("advapi32.dll", CharSet = CharSet.Unicode)]
    private static extern uint SetNamedSecurityInfoW(string name, int objectType, uint securityInfo, IntPtr owner, IntPtr group, IntPtr dacl, IntPtr sacl);

    [DllImport("kernel32.dll")]
    private static extern IntPtr LocalFree(IntPtr memory);
}
