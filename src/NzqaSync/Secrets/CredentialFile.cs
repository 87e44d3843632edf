using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace NzqaSync.Secrets;

/// <summary>
/// The rule for a credential saved with Export-Clixml. On Windows the password in the file is encrypted with
/// DPAPI for the user and machine that wrote it. Off Windows it is not encrypted at all: measured, the machine
/// password sits in the file as the hex of its UTF-16 bytes. So off Windows the file is refused when anyone but
/// its owner can read or change it (any group or other permission bit).
/// </summary>
public static class CredentialFile
{
    /// <summary>Group and other read/write/execute bits (077 octal).</summary>
    private const int NotOwnerBits = 0x3F;

    public static bool IsWindows => RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

    /// <summary>
    /// Why the file must not be used, or null when it may. Off Windows: a file anyone but its owner can reach.
    /// Throws FileNotFoundException when it does not exist.
    /// </summary>
    public static string Refusal(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"The credential file '{path}' does not exist.", path);
        if (IsWindows) return null;
        var mode = UnixMode(path);
        if (mode == null)
            return $"Cannot read the permissions of the credential file '{path}', so cannot tell who else can read it. " + NotEncrypted;
        if ((mode.Value & NotOwnerBits) == 0) return null;
        return $"The credential file '{path}' can be read or changed by others (mode {Convert.ToString(mode.Value & 0xFFF, 8).PadLeft(3, '0')}). " + NotEncrypted;
    }

    public const string NotEncrypted =
        "Off Windows, Export-Clixml does not encrypt the password: it is stored in the file as plain hex that anyone who can read the file can decode.";

    public const string SaferRoutes =
        "Make the file owner-only (chmod 600), or keep the machine password in a SecretManagement vault (Get-Secret), or in the scheduler's own secret store.";

    /// <summary>The file's permission bits, or null if they cannot be read.</summary>
    public static int? UnixMode(string path)
    {
        // .NET 7+ (PowerShell 7.3+) has File.GetUnixFileMode; the module targets netstandard2.0, so find it at run time.
        var method = typeof(File).GetMethod("GetUnixFileMode", BindingFlags.Public | BindingFlags.Static, null, new[] { typeof(string) }, null);
        if (method != null)
        {
            try { return Convert.ToInt32(method.Invoke(null, new object[] { path }), CultureInfo.InvariantCulture); }
            catch (TargetInvocationException) { return null; }
        }
        return StatMode(path);
    }

    private static int? StatMode(string path)
    {
        try
        {
            var mac = RuntimeInformation.IsOSPlatform(OSPlatform.OSX);
            var psi = new ProcessStartInfo("stat") { RedirectStandardOutput = true, UseShellExecute = false, CreateNoWindow = true };
            psi.Arguments = (mac ? "-f %Lp " : "-c %a ") + "\"" + path.Replace("\"", "\\\"") + "\"";
            using (var p = Process.Start(psi))
            {
                var text = p.StandardOutput.ReadToEnd().Trim();
                p.WaitForExit();
                return p.ExitCode == 0 ? Convert.ToInt32(text, 8) : (int?)null;
            }
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception || ex is FormatException || ex is InvalidOperationException)
        {
            return null;
        }
    }
}
