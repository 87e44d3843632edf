using System;
using System.IO;
using NzqaSync.Module;

namespace NzqaSync.Tests.Security;

/// <summary>Issue #17 item 6: the dependency resolver loads only plain assembly names from dependencies/.</summary>
public sealed class DependencyResolverTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "nzqasync-deps-" + Guid.NewGuid().ToString("N"));

    public DependencyResolverTests() => Directory.CreateDirectory(Path.Combine(_root, "dependencies"));

    public void Dispose() => Directory.Delete(_root, true);

    [Fact]
    public void A_rooted_name_does_not_load_a_dll_from_outside_dependencies()
    {
        // A real assembly planted outside the module's folder, asked for by its full path as the "name".
        var planted = Path.Combine(_root, "Planted.dll");
        File.Copy(typeof(DependencyResolverTests).Assembly.Location, planted);
        var name = Path.Combine(_root, "Planted");

        var loaded = DependencyResolver.Resolve(null, new ResolveEventArgs(name));

        Assert.Null(loaded);
    }

    [Theory]
    [InlineData("../Planted")]
    [InlineData("..\\Planted")]
    [InlineData("sub/../../Planted")]
    [InlineData("/tmp/Planted")]
    [InlineData("C:\\Windows\\Planted")]
    [InlineData(".hidden")]
    public void A_name_that_is_not_a_plain_assembly_name_is_not_looked_up(string name)
    {
        File.WriteAllText(Path.Combine(_root, "Planted.dll"), "");
        Assert.Null(DependencyResolver.PathFor(Path.Combine(_root, "dependencies"), name));
    }

    [Theory]
    [InlineData("Newtonsoft.Json")]
    [InlineData("Polly.Core")]
    [InlineData("Microsoft.Bcl.AsyncInterfaces")]
    public void A_plain_name_resolves_inside_dependencies(string name)
    {
        var folder = Path.Combine(_root, "dependencies");
        Assert.Equal(Path.Combine(folder, name + ".dll"), DependencyResolver.PathFor(folder, name));
    }
}
