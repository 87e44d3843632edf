using System;
using System.Collections.Concurrent;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;

namespace NzqaSync.Tests.Security;

/// <summary>A tiny HTTP server on 127.0.0.1 (HttpListener) that records every request it receives.</summary>
internal sealed class LoopbackServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<HttpListenerContext, string, Task> _answer;

    public LoopbackServer(Func<HttpListenerContext, string, Task> answer)
    {
        _answer = answer;
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            Origin = new Uri($"http://127.0.0.1:{port}/");
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add(Origin.ToString());
            try { _listener.Start(); break; }
            catch (HttpListenerException) when (attempt < 5) { }
        }
        _ = Task.Run(LoopAsync);
    }

    public Uri Origin { get; }

    /// <summary>"METHOD /path" and the body of every request received.</summary>
    public ConcurrentQueue<(string Request, string Body, string Authorization)> Received { get; } = new();

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            string body;
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8)) body = await reader.ReadToEndAsync();
            Received.Enqueue(($"{context.Request.HttpMethod} {context.Request.Url!.AbsolutePath}", body, context.Request.Headers["Authorization"]));
            try { await _answer(context, body); }
            finally { try { context.Response.Close(); } catch (Exception) { } }
        }
    }

    public static async Task Json(HttpListenerContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var bytes = Encoding.UTF8.GetBytes(json);
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
    }

    public static Task Redirect(HttpListenerContext context, int status, Uri to)
    {
        context.Response.StatusCode = status;
        context.Response.Headers["Location"] = to.ToString();
        context.Response.ContentLength64 = 0;
        return Task.CompletedTask;
    }

    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public void Dispose()
    {
        try { _listener.Stop(); _listener.Close(); } catch (Exception) { }
    }
}
