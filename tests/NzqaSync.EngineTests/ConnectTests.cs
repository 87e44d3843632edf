using System.Linq;
using System.Management.Automation;
using NzqaSync.Demo;

namespace NzqaSync.EngineTests;

public class ConnectTests : IClassFixture<SandboxFixture>
{
    private readonly SandboxFixture _fixture;
    public ConnectTests(SandboxFixture fixture) => _fixture = fixture;

    [Fact]
    public void Wrong_credentials_give_a_clear_terminating_error_that_never_shows_the_password()
    {
        using var test = new EngineTest(_fixture);
        test.Variables["cred"] = ModuleSession.Credential(_fixture.School().MachineAccount, "canary-Wrong-Passw0rd");
        using var run = test.Run("try { " + EngineTest.Connect.Trim() + " -ErrorAction Stop; 'connected' } catch { $_ }");

        var error = (ErrorRecord)Assert.Single(run.Output).BaseObject;
        Assert.Equal("NzqaAuthenticationFailed,NzqaSync.Cmdlets.ConnectNzqaCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Contains("401", error.Exception.Message);
        Assert.Contains("invalid_client", error.Exception.Message);
        Assert.DoesNotContain("canary", error.ToString());
        Assert.DoesNotContain("canary", error.Exception.ToString());
    }

    [Fact]
    public void Another_schools_provider_number_is_refused()
    {
        using var test = new EngineTest(_fixture);
        test.Variables["provider"] = 311; // 257's machine account is not authorised for 311
        using var run = test.Run(EngineTest.Connect);
        var error = Assert.Single(run.Errors);
        Assert.Equal("NzqaAuthenticationFailed,NzqaSync.Cmdlets.ConnectNzqaCommand", error.FullyQualifiedErrorId);
        Assert.Contains("org_id", error.Exception.Message);
    }

    [Fact]
    public void Plain_http_to_a_remote_host_is_refused_before_anything_is_sent()
    {
        using var test = new EngineTest(_fixture);
        test.Variables["nzqa"] = "http://nzqa.example.com/api";
        using var run = test.Run(EngineTest.Connect);
        var error = Assert.Single(run.Errors);
        Assert.Equal("NzqaInsecureUri,NzqaSync.Cmdlets.ConnectNzqaCommand", error.FullyQualifiedErrorId);
    }

    [Fact]
    public void Test_NzqaConnection_says_what_is_wrong_without_throwing()
    {
        using var test = new EngineTest(_fixture);
        test.Variables["bad"] = ModuleSession.Credential(_fixture.School().MachineAccount, "nope");
        test.Variables["tok"] = _fixture.Sandbox.Info.TokenUri;
        using var run = test.Run(@"
            Test-NzqaConnection -BaseUri $nzqa -ProviderNumber $provider -Credential $bad
            Test-NzqaConnection -BaseUri 'http://127.0.0.1:1/nzqa/v1' -ProviderNumber $provider -Credential $cred -TokenUri 'http://127.0.0.1:1/esl'");
        Assert.Empty(run.Errors);
        var problems = run.Output.Select(o => (string)o.Properties["Problem"].Value).ToArray();
        Assert.Equal(new[] { "BadCredentials", "Unreachable" }, problems);
    }
}
