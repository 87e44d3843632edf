namespace NzqaSync.Domain.Dxp;

public enum DxpProblemSeverity
{
    /// <summary>DXP would reject the record: do not send it.</summary>
    Error,
    /// <summary>DXP would accept it but flag it (e.g. "optional until 2026 and a warning will be displayed").</summary>
    Warning,
}

/// <summary>One rule a record breaks. <see cref="Field"/> is the seed's camelCase name; <see cref="Code"/> a stable id.</summary>
public sealed class DxpFieldProblem(string field, string code, string message, DxpProblemSeverity severity = DxpProblemSeverity.Error, string localId = null)
{
    public string Field { get; } = field;
    public string Code { get; } = code;
    public string Message { get; } = message;
    public DxpProblemSeverity Severity { get; } = severity;
    public string LocalId { get; } = localId;

    public override string ToString() => $"{Code} {Field}: {Message}";
}
