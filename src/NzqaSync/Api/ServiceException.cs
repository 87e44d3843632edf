using System.Net;

namespace NzqaSync.Api;

/// <summary>A call the service answered with an error: the HTTP status, the service's code and its own words.</summary>
public class ServiceException : Exception
{
    public ServiceException(string service, HttpStatusCode? status, string errorCode, string serviceMessage, Exception inner = null)
        : base(Describe(service, status, errorCode, serviceMessage), inner)
    {
        Service = service;
        StatusCode = status;
        ErrorCode = errorCode;
        ServiceMessage = serviceMessage;
    }

    public string Service { get; }
    public HttpStatusCode? StatusCode { get; }
    public string ErrorCode { get; }
    public string ServiceMessage { get; }

    /// <summary>The problem details' "errors" object (field or item → messages), empty when there was none.</summary>
    public System.Collections.Generic.IReadOnlyDictionary<string, System.Collections.Generic.IReadOnlyList<string>> ProblemErrors { get; set; } =
        new System.Collections.Generic.Dictionary<string, System.Collections.Generic.IReadOnlyList<string>>();

    /// <summary>True when the request may or may not have been applied (the answer was lost).</summary>
    public bool OutcomeUnknown { get; set; }

    private static string Describe(string service, HttpStatusCode? status, string errorCode, string serviceMessage)
    {
        var head = status == null ? $"{service} could not be reached" : $"{service} answered {(int)status.Value} {status.Value}";
        if (!string.IsNullOrEmpty(errorCode)) head += $" ({errorCode})";
        return string.IsNullOrEmpty(serviceMessage) ? head + "." : head + ": " + serviceMessage;
    }
}

/// <summary>
/// The connection was disposed (Dispose(), or a Disconnect of the session's own connection): nothing was sent, so a
/// record that meets this is Failed, never InDoubt.
/// </summary>
public sealed class ConnectionClosedException : ServiceException
{
    public ConnectionClosedException(string service, string connection, Exception inner = null)
        : base(service, null, "ConnectionClosed", null, inner)
    {
        Connection = connection;
    }

    public string Connection { get; }

    public override string Message =>
        $"The connection ({Connection}) is closed; nothing was sent. Connect again (Connect-{(Service == "DXP" ? "Dxp" : "Nzqa")} -PassThru) and use the new connection.";
}

/// <summary>ESL refused the machine credentials or the organisation.</summary>
public sealed class AuthenticationFailedException : ServiceException
{
    public AuthenticationFailedException(HttpStatusCode? status, string errorCode, string serviceMessage)
        : base("ESL", status, errorCode, serviceMessage)
    {
    }
}
