using Microsoft.Extensions.Hosting;
using System;
using System.Linq;
using NzqaSync.Sandbox;

var options = new SandboxOptions { Quiet = false };
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--urls": options.Urls = Next(); break;
        case "--seed": options.Seed = int.Parse(Next()); break;
        case "--students": options.Students = int.Parse(Next()); break;
        case "--token-lifetime": options.TokenLifetime = TimeSpan.FromSeconds(int.Parse(Next())); break;
        case "--allow-remote": options.AllowRemote = true; break;
        case "--quiet": options.Quiet = true; break;
    }
}
if (options.Urls == "http://127.0.0.1:0") options.Urls = "http://127.0.0.1:5080";

var app = SandboxApp.Build(options, Array.Empty<string>());
await app.StartAsync();
var origin = new Uri(app.Urls.First().TrimEnd('/') + "/");
var info = app.Services.GetService(typeof(SandboxState)) is SandboxState s ? s.Info(origin) : null;
Console.WriteLine($"NzqaSync sandbox listening on {origin}");
Console.WriteLine($"  NZQA base URI : {info!.NzqaBaseUri}");
Console.WriteLine($"  DXP base URI  : {info.DxpBaseUri}");
Console.WriteLine($"  ESL token URI : {info.TokenUri}");
foreach (var p in info.Providers)
    Console.WriteLine($"  {p.Kind,-9} {p.ProviderNumber,5} {p.Name}: machine account '{p.MachineAccount}', password '{p.Password}' (sandbox only)");
Console.WriteLine("Press Ctrl+C to stop.");
await app.WaitForShutdownAsync();

public partial class Program { }
