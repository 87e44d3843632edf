namespace NzqaSync.Compare
{
    /// <summary>One field whose local value differs from NZQA's.</summary>
    public sealed class FieldDifference
    {
        public FieldDifference(string field, string local, string nzqa)
        {
            Field = field;
            Local = local;
            Nzqa = nzqa;
        }

        public string Field { get; }
        public string Local { get; }
        public string Nzqa { get; }

        public override string ToString() => $"{Field}: '{Local}' → '{Nzqa}'";
    }
}
