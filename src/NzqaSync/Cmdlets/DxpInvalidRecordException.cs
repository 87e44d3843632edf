using System;
using System.Collections.Generic;
using NzqaSync.Domain.Dxp;

namespace NzqaSync.Cmdlets
{
    /// <summary>A DXP record the module's own rules refuse; carried by the ErrorRecord Send-Dxp* writes for it.</summary>
    public sealed class DxpInvalidRecordException : Exception
    {
        public DxpInvalidRecordException(string message, IReadOnlyList<DxpFieldProblem> problems) : base(message) => Problems = problems;
        public IReadOnlyList<DxpFieldProblem> Problems { get; }
    }
}
