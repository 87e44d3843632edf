using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text.RegularExpressions;

namespace NzqaSync.Demo;

/// <summary>
/// A PowerShell host that writes what the engine shows a person (Out-Default tables, "What if:" lines,
/// warnings) to a TextWriter, without ANSI colour codes. The hosted engine renders format views only through
/// such a host. Never prompts: a prompt in a non-interactive run is a bug, and this host says so.
/// </summary>
public sealed class CapturingHost : PSHost
{
    private readonly CapturingHostUI _ui;

    public CapturingHost(TextWriter writer, int width = 160) => _ui = new CapturingHostUI(writer, width);

    public override string Name => "NzqaSync.Demo";
    public override Version Version => new(1, 0);
    public override Guid InstanceId { get; } = Guid.NewGuid();
    public override PSHostUserInterface UI => _ui;
    public override CultureInfo CurrentCulture => CultureInfo.GetCultureInfo("en-NZ");
    public override CultureInfo CurrentUICulture => CultureInfo.GetCultureInfo("en-US");
    public override void EnterNestedPrompt() => throw new NotSupportedException();
    public override void ExitNestedPrompt() => throw new NotSupportedException();
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
    public override void SetShouldExit(int exitCode) => ExitCode = exitCode;

    /// <summary>The code a script passed to exit, when it did.</summary>
    public int? ExitCode { get; private set; }

    /// <summary>Every line written to the host, ANSI-free (for tests).</summary>
    public IReadOnlyList<string> Lines => _ui.Lines;

    /// <summary>How many times the engine tried to prompt.</summary>
    public int Prompts => _ui.Prompts;
}

internal sealed class CapturingHostUI : PSHostUserInterface
{
    private static readonly Regex Ansi = new("\u001b\\[[0-9;?]*[A-Za-z]", RegexOptions.Compiled);
    private readonly TextWriter _writer;
    private readonly StringBuilder _partial = new();
    private readonly List<string> _lines = new();
    private readonly FixedRawUI _raw;

    public CapturingHostUI(TextWriter writer, int width)
    {
        _writer = writer;
        _raw = new FixedRawUI(width);
    }

    public List<string> Lines
    {
        get { lock (_lines) return new List<string>(_lines); }
    }

    public int Prompts { get; private set; }
    public override PSHostRawUserInterface RawUI => _raw;

    public override void Write(string value) => Append(value, false);
    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Append(value, false);
    public override void WriteLine(string value) => Append(value, true);
    public override void WriteErrorLine(string value) => Append("ERROR: " + value, true);
    public override void WriteDebugLine(string message) => Append("DEBUG: " + message, true);
    public override void WriteVerboseLine(string message) => Append("VERBOSE: " + message, true);
    public override void WriteWarningLine(string message) => Append("WARNING: " + message, true);
    public override void WriteProgress(long sourceId, ProgressRecord record) { }

    private void Append(string value, bool newline)
    {
        lock (_lines)
        {
            _partial.Append(Ansi.Replace(value ?? "", ""));
            if (!newline) return;
            var text = _partial.ToString();
            _partial.Clear();
            foreach (var line in text.Split('\n'))
            {
                var clean = line.TrimEnd('\r');
                _lines.Add(clean);
                _writer.WriteLine(clean);
            }
        }
    }

    public override string ReadLine() { Prompts++; throw new PSInvalidOperationException("NzqaSync.Demo host is non-interactive: nothing may prompt."); }
    public override SecureString ReadLineAsSecureString() { Prompts++; throw new PSInvalidOperationException("Non-interactive host."); }
    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) { Prompts++; throw new PSInvalidOperationException("Non-interactive host: " + message); }
    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) { Prompts++; throw new PSInvalidOperationException("Non-interactive host."); }
    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) { Prompts++; throw new PSInvalidOperationException("Non-interactive host."); }
    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) { Prompts++; throw new PSInvalidOperationException("Non-interactive host: " + message); }

    private sealed class FixedRawUI : PSHostRawUserInterface
    {
        private readonly int _width;
        public FixedRawUI(int width) => _width = width;
        public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
        public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
        public override Size BufferSize { get => new(_width, 9999); set { } }
        public override Coordinates CursorPosition { get; set; }
        public override int CursorSize { get; set; }
        public override bool KeyAvailable => false;
        public override Size MaxPhysicalWindowSize => new(_width, 100);
        public override Size MaxWindowSize => new(_width, 100);
        public override Coordinates WindowPosition { get; set; }
        public override Size WindowSize { get => new(_width, 100); set { } }
        public override string WindowTitle { get; set; } = "";
        public override void FlushInputBuffer() { }
        public override BufferCell[,] GetBufferContents(Rectangle rectangle) => new BufferCell[0, 0];
        public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException();
        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
        public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
    }
}
