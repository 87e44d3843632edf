using System.Threading.Tasks;

namespace NzqaSync.Bench;

public static class PushBench
{
    public static Task NzqaAsync(int n) => Task.CompletedTask;
    public static Task DxpAsync(int n) => Task.CompletedTask;
}
