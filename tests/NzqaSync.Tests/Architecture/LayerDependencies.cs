using System;
using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace NzqaSync.Tests.Architecture;

/// <summary>
/// Which namespaces each type of an assembly references, read from its metadata and IL with Mono.Cecil: base types,
/// interfaces, fields, properties, events, method signatures, attributes, locals, and every type, method and field
/// an instruction names. Generic arguments and arrays are unwrapped; nested types count as their declaring namespace.
/// </summary>
public static class LayerDependencies
{
    public static Dictionary<TypeDefinition, HashSet<string>> Read(string assemblyPath)
    {
        using var module = ModuleDefinition.ReadModule(assemblyPath);
        var result = new Dictionary<TypeDefinition, HashSet<string>>();
        foreach (var type in module.GetTypes())
        {
            var refs = new HashSet<string>(StringComparer.Ordinal);
            void Add(TypeReference t)
            {
                while (t is TypeSpecification spec)
                {
                    if (spec is GenericInstanceType g) foreach (var a in g.GenericArguments) Add(a);
                    t = spec.ElementType;
                }
                if (t == null || t is GenericParameter) return;
                while (t.DeclaringType != null) t = t.DeclaringType;
                if (!string.IsNullOrEmpty(t.Namespace)) refs.Add(t.Namespace);
            }
            void AddAttributes(ICustomAttributeProvider p)
            {
                if (!p.HasCustomAttributes) return;
                foreach (var a in p.CustomAttributes) Add(a.AttributeType);
            }
            void AddMethod(MethodReference m)
            {
                Add(m.DeclaringType);
                Add(m.ReturnType);
                foreach (var p in m.Parameters) Add(p.ParameterType);
                if (m is GenericInstanceMethod gm) foreach (var a in gm.GenericArguments) Add(a);
            }

            Add(type.BaseType);
            AddAttributes(type);
            foreach (var i in type.Interfaces) Add(i.InterfaceType);
            foreach (var f in type.Fields) { Add(f.FieldType); AddAttributes(f); }
            foreach (var p in type.Properties) { Add(p.PropertyType); AddAttributes(p); }
            foreach (var e in type.Events) Add(e.EventType);
            foreach (var m in type.Methods)
            {
                AddMethod(m);
                AddAttributes(m);
                foreach (var p in m.Parameters) AddAttributes(p);
                if (!m.HasBody) continue;
                foreach (var v in m.Body.Variables) Add(v.VariableType);
                foreach (var ins in m.Body.Instructions)
                {
                    switch (ins.Operand)
                    {
                        case TypeReference t: Add(t); break;
                        case MethodReference mr: AddMethod(mr); break;
                        case FieldReference fr: Add(fr.DeclaringType); Add(fr.FieldType); break;
                    }
                }
            }
            var top = type;
            while (top.DeclaringType != null) top = top.DeclaringType;
            refs.Remove(top.Namespace);
            result[type] = refs;
        }
        return result;
    }

    /// <summary>The namespace a type belongs to for layering: its outermost declaring type's.</summary>
    public static string NamespaceOf(TypeDefinition type)
    {
        while (type.DeclaringType != null) type = type.DeclaringType;
        return type.Namespace;
    }
}
