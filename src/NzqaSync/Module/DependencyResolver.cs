using System.Collections.Concurrent;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace NzqaSync.Module;

/// <summary>
/// Resolves the module's third-party assemblies (Polly.Core, Newtonsoft.Json, CsvHelper and their netstandard
/// shims) from the module's <c>dependencies/</c> folder, so they never sit where PowerShell probes for the
/// module's own dll and never clash with another module's copies.
/// </summary>
/// <remarks>
/// Measured (shared/docs/measured/isolation-and-journal.md): matching the exact assembly version fails, because
/// Polly asks for Microsoft.Bcl.AsyncInterfaces 6.0.0.0 while 8.0.0.0 ships; so match by simple name and accept
/// the same or a higher version. On PowerShell 7 the assemblies load into one private AssemblyLoadContext,
/// created once per process (OnImport runs on every import); on Windows PowerShell 5.1 they load by path.
/// Assemblies the host already has (PowerShell 7 ships Newtonsoft.Json 13.x) come from the host.
/// </remarks>
public sealed class DependencyResolver : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly string DependencyFolder =
        Path.Combine(Path.GetDirectoryName(typeof(DependencyResolver).Assembly.Location) ?? ".", "dependencies");

    private static readonly ConcurrentDictionary<string, Assembly> Loaded =
        new ConcurrentDictionary<string, Assembly>(StringComparer.OrdinalIgnoreCase);

    private static readonly Lazy<Func<string, Assembly>> LoadFromPath = new Lazy<Func<string, Assembly>>(CreateLoader);
    private static readonly object Gate = new object();
    private static bool _subscribed;

    public void OnImport()
    {
        lock (Gate)
        {
            if (_subscribed) return;
            AppDomain.CurrentDomain.AssemblyResolve += Resolve;
            _subscribed = true;
        }
    }

    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        // The handler stays: assemblies already resolved may still ask for their own dependencies, and
        // a re-import must not add a second handler.
    }

    internal static Assembly Resolve(object sender, ResolveEventArgs args)
    {
        var wanted = new AssemblyName(args.Name);
        if (wanted.Name == null || wanted.Name.EndsWith(".resources", StringComparison.OrdinalIgnoreCase)) return null;
        if (Loaded.TryGetValue(wanted.Name, out var already)) return Accepts(already.GetName(), wanted) ? already : null;

        var path = PathFor(DependencyFolder, wanted.Name);
        if (path == null || !File.Exists(path)) return null;
        var candidate = AssemblyName.GetAssemblyName(path);
        if (!Accepts(candidate, wanted)) return null;
        lock (Gate)
        {
            if (Loaded.TryGetValue(wanted.Name, out already)) return already;
            var assembly = LoadFromPath.Value(path);
            Loaded[wanted.Name] = assembly;
            return assembly;
        }
    }

    /// <summary>
    /// The dll for a requested assembly name inside <paramref name="folder"/>, or null: only a plain name (letters,
    /// digits, '.', '_', '-'; not rooted, no separators, no "..") is looked up, and the full path must stay inside the folder.
    /// </summary>
    internal static string PathFor(string folder, string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 200 || name[0] == '.' || name.Contains("..")) return null;
        foreach (var c in name)
            if (!(char.IsLetterOrDigit(c) || c == '.' || c == '_' || c == '-')) return null;
        var root = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var path = Path.GetFullPath(Path.Combine(root, name + ".dll"));
        var comparison = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return path.StartsWith(root, comparison) && Path.GetDirectoryName(path) + Path.DirectorySeparatorChar == root ? path : null;
    }

    private static bool Accepts(AssemblyName available, AssemblyName wanted) =>
        wanted.Version == null || available.Version == null || available.Version >= wanted.Version;

    private static Func<string, Assembly> CreateLoader()
    {
        // AssemblyLoadContext exists only on .NET Core; netstandard2.0 cannot name it, so reach it by reflection.
        var alcType = typeof(object).Assembly.GetType("System.Runtime.Loader.AssemblyLoadContext");
        if (alcType == null || RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal))
            return Assembly.LoadFrom;

        var ctor = alcType.GetConstructor(new[] { typeof(string), typeof(bool) });
        var loadFromAssemblyPath = alcType.GetMethod("LoadFromAssemblyPath", new[] { typeof(string) });
        if (ctor == null || loadFromAssemblyPath == null) return Assembly.LoadFrom;
        var context = ctor.Invoke(new object[] { "NzqaSync.Dependencies", false });
        return path => (Assembly)loadFromAssemblyPath.Invoke(context, new object[] { path });
    }
}
