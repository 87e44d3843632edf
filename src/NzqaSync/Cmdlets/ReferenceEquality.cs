using System.Runtime.CompilerServices;

namespace NzqaSync.Cmdlets;

/// <summary>Equality by reference: the very object, whatever its fields (records that compare equal are still two records).</summary>
internal sealed class ReferenceEquality<T> : IEqualityComparer<T> where T : class
{
    public static readonly ReferenceEquality<T> Instance = new ReferenceEquality<T>();
    public bool Equals(T x, T y) => ReferenceEquals(x, y);
    public int GetHashCode(T obj) => RuntimeHelpers.GetHashCode(obj);
}
