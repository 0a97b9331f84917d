using Polca.Hocon.Merging;
using Polca.Hocon.Model;
using Polca.Hocon.Parsing;
using Polca.Hocon.Paths;

namespace Polca.Hocon.Resolution;

/// <summary>
/// Resolves every substitution of a merged document against its root, as the spec asks:
/// <list type="bullet">
/// <item>a substitution looks forward and gets the final value of its path;</item>
/// <item>a lookup descends only through the objects on its way, so an object may refer to its own fields;</item>
/// <item>while a field's definition (a substitution or concatenation) is being reduced, a lookup that reaches the
/// same field again looks back to the field's earlier definitions (self-reference, <c>+=</c>);</item>
/// <item>any other return to a field being resolved is a cycle, reported with the path chain;</item>
/// <item>undefined paths fall back to environment variables; <c>${?x}</c> that stays undefined removes its field.</item>
/// </list>
/// </summary>
internal sealed class HoconResolver
{
    private readonly HoconObject _root;
    private readonly Func<string, string?> _environment;
    private readonly Dictionary<string, ResolvedShape> _shapes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HoconValue?> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _valuesInProgress = new(StringComparer.Ordinal);
    private readonly List<ResolutionFrame> _frames = [];
    private readonly List<HoconPath> _trail = [];
    private int _lowestLookBack = int.MaxValue;
    private int _lookBacks;

    private HoconResolver(HoconObject root, Func<string, string?> environment)
    {
        _root = root;
        _environment = environment;
    }

    /// <summary>Returns <paramref name="root"/> with all substitutions resolved (the same instance when there are none).</summary>
    public static HoconObject Resolve(HoconObject root, Func<string, string?>? environment = null)
    {
        if (!ContainsUnresolved(root))
        {
            return root;
        }

        var resolver = new HoconResolver(root, environment ?? Environment.GetEnvironmentVariable);
        try
        {
            return resolver.ResolveValue(HoconPath.Root) as HoconObject ?? new HoconObject(root.Origin);
        }
        catch (SubstitutionCycleException cycle)
        {
            throw new HoconException(root.Origin, $"cycle in substitutions: {cycle.Description}");
        }
    }

    /// <summary>True when the tree holds a substitution, concatenation or pending merge anywhere.</summary>
    public static bool ContainsUnresolved(HoconValue value) => value switch
    {
        HoconObject obj => obj.Items.Any(item => ContainsUnresolved(item.Value)),
        HoconArray array => array.Items.Any(ContainsUnresolved),
        HoconLiteral => false,
        _ => true,
    };

    /// <summary>The final, fully resolved value of the field at <paramref name="path"/>; null when undefined.</summary>
    private HoconValue? ResolveValue(HoconPath path)
    {
        var key = path.Key;
        if (_values.TryGetValue(key, out var known))
        {
            return known;
        }

        if (!_valuesInProgress.Add(key))
        {
            throw new SubstitutionCycleException(DescribeCycle(path));
        }

        var saved = EnterScope();
        var depth = _frames.Count;
        _trail.Add(path);
        var clean = false;
        try
        {
            var shape = ReduceShape(path);
            HoconValue? result;
            if (shape.Value is HoconObject obj)
            {
                if (shape.Alias is not null && !shape.Alias.Equals(path))
                {
                    result = ResolveThrough(shape.Alias, shape.Via);
                }
                else
                {
                    var resolved = new HoconObject(obj.Origin) { IgnoresFallbacks = obj.IgnoresFallbacks };
                    foreach (var childKey in obj.Keys.ToList())
                    {
                        var child = ResolveValue(path.Append(childKey));
                        if (child is not null)
                        {
                            resolved.Set(childKey, child);
                        }
                    }

                    result = resolved;
                }
            }
            else
            {
                result = shape.Value;
            }

            clean = ScopeIsClean(depth);
            if (clean)
            {
                _values[key] = result;
            }

            return result;
        }
        finally
        {
            _valuesInProgress.Remove(key);
            _trail.RemoveAt(_trail.Count - 1);
            LeaveScope(saved);
        }
    }

    private HoconValue? ResolveThrough(HoconPath alias, HoconSubstitution? via)
    {
        try
        {
            return ResolveValue(alias);
        }
        catch (SubstitutionCycleException cycle) when (via is not null)
        {
            if (via.IsOptional)
            {
                return null;
            }

            throw new HoconException(via.Origin, $"cycle in substitution {via.Describe()}: {cycle.Description}");
        }
    }

    /// <summary>Reduces the field at <paramref name="path"/> just enough to know its type (objects keep unresolved children).</summary>
    private ResolvedShape ReduceShape(HoconPath path)
    {
        var key = path.Key;
        if (_shapes.TryGetValue(key, out var known))
        {
            return known;
        }

        for (var i = _frames.Count - 1; i >= 0; i--)
        {
            if (_frames[i].Path.Key == key)
            {
                return LookBack(i, path);
            }
        }

        if (path.IsRoot)
        {
            return new ResolvedShape(_root);
        }

        var saved = EnterScope();
        var depth = _frames.Count;
        _trail.Add(path);
        try
        {
            var parent = ReduceShape(path.Parent);
            var result = parent.Value is HoconObject parentObject && parentObject.TryGetValue(path.Last, out var node)
                ? ReduceDefinitions(node is HoconMergeStack stack ? stack.Items : [node], 0, path)
                : ResolvedShape.Undefined;
            if (ScopeIsClean(depth))
            {
                _shapes[key] = result;
            }

            return result;
        }
        finally
        {
            _trail.RemoveAt(_trail.Count - 1);
            LeaveScope(saved);
        }
    }

    /// <summary>A lookup reached a field that is being reduced: look back to its earlier definitions, or report a cycle.</summary>
    private ResolvedShape LookBack(int frameIndex, HoconPath path)
    {
        var frame = _frames[frameIndex];
        if (!frame.MayReferToItself)
        {
            throw new SubstitutionCycleException(DescribeCycle(path));
        }

        _lookBacks++;
        _lowestLookBack = Math.Min(_lowestLookBack, frameIndex);
        if (frame.Index + 1 < frame.Items.Count)
        {
            return ReduceDefinitions(frame.Items, frame.Index + 1, path);
        }

        if (frameIndex != _frames.Count - 1)
        {
            throw new SubstitutionCycleException(DescribeCycle(path));
        }

        return ResolvedShape.Undefined;
    }

    /// <summary>
    /// Reduces the definitions of one field from the latest (index <paramref name="start"/>) to the earliest:
    /// a non-object hides everything before it, adjacent objects merge, an undefined optional is skipped.
    /// </summary>
    private ResolvedShape ReduceDefinitions(IReadOnlyList<HoconValue> items, int start, HoconPath? path)
    {
        var objects = new List<HoconObject>();
        ResolvedShape single = default;
        for (var i = start; i < items.Count; i++)
        {
            var item = items[i];
            ResolvedShape shape;
            if (path is null)
            {
                shape = ReduceNode(item, null);
            }
            else
            {
                _frames.Add(new ResolutionFrame(path, items, i, item is HoconSubstitution or HoconConcatenation));
                try
                {
                    shape = ReduceNode(item, path);
                }
                finally
                {
                    _frames.RemoveAt(_frames.Count - 1);
                }
            }

            if (shape.IsUndefined)
            {
                continue;
            }

            if (shape.Value is HoconObject obj)
            {
                if (objects.Count == 0)
                {
                    single = shape;
                }

                objects.Add(obj);
                if (obj.IgnoresFallbacks)
                {
                    break;
                }

                continue;
            }

            if (objects.Count == 0)
            {
                return shape;
            }

            break;
        }

        return objects.Count switch
        {
            0 => ResolvedShape.Undefined,
            1 => single,
            _ => new ResolvedShape(MergeAll(objects)),
        };
    }

    private static HoconObject MergeAll(List<HoconObject> objectsLatestFirst)
    {
        var merged = objectsLatestFirst[^1];
        for (var i = objectsLatestFirst.Count - 2; i >= 0; i--)
        {
            merged = HoconMerger.MergeObjects(objectsLatestFirst[i], merged);
        }

        return merged;
    }

    private ResolvedShape ReduceNode(HoconValue node, HoconPath? path) => node switch
    {
        HoconObject or HoconLiteral => new ResolvedShape(node),
        HoconArray array => new ResolvedShape(ResolveArray(array)),
        HoconSubstitution substitution => ReduceSubstitution(substitution, path),
        HoconConcatenation concatenation => ReduceConcatenation(concatenation, path),
        HoconMergeStack stack => ReduceDefinitions(stack.Items, 0, path),
        _ => throw new InvalidOperationException($"unknown HOCON node {node.GetType().Name}"),
    };

    private ResolvedShape ReduceSubstitution(HoconSubstitution substitution, HoconPath? path)
    {
        if (path is not null && substitution.Path.IsStrictPrefixOf(path))
        {
            if (substitution.IsOptional)
            {
                return ResolvedShape.Undefined;
            }

            throw new HoconException(substitution.Origin, $"cycle: substitution {substitution.Describe()} refers to an object that contains the field \"{path}\" being defined");
        }

        try
        {
            var lookBacksBefore = _lookBacks;
            var shape = Lookup(substitution.Path);
            if (shape.IsUndefined && _lookBacks == lookBacksBefore && !substitution.PathAsWritten.Equals(substitution.Path))
            {
                shape = Lookup(substitution.PathAsWritten);
            }

            if (!shape.IsUndefined)
            {
                return shape with { Via = substitution };
            }
        }
        catch (SubstitutionCycleException cycle)
        {
            if (substitution.IsOptional)
            {
                return ResolvedShape.Undefined;
            }

            throw new HoconException(substitution.Origin, $"cycle in substitution {substitution.Describe()}: {cycle.Description}");
        }

        var variable = substitution.PathAsWritten.ToPlainString();
        var fromEnvironment = _environment(variable);
        if (fromEnvironment is not null)
        {
            return new ResolvedShape(HoconLiteral.FromString(fromEnvironment, substitution.Origin));
        }

        if (substitution.IsOptional)
        {
            return ResolvedShape.Undefined;
        }

        throw new HoconException(substitution.Origin, $"could not resolve substitution {substitution.Describe()}: no value at path \"{substitution.Path}\" and no environment variable {variable}");
    }

    /// <summary>Looks a path up; an object found without looking back is marked as an alias of that path.</summary>
    private ResolvedShape Lookup(HoconPath path)
    {
        var saved = EnterScope();
        var depth = _frames.Count;
        ResolvedShape shape;
        bool clean;
        try
        {
            shape = ReduceShape(path);
            clean = ScopeIsClean(depth);
        }
        finally
        {
            LeaveScope(saved);
        }

        return shape.Value is HoconObject && clean ? shape with { Alias = path } : shape with { Alias = null };
    }

    private ResolvedShape ReduceConcatenation(HoconConcatenation concatenation, HoconPath? path)
    {
        var parts = new List<(HoconValue Value, HoconValue Piece)>();
        foreach (var piece in concatenation.Pieces)
        {
            if (piece is HoconLiteral { IsWhitespace: true })
            {
                parts.Add((piece, piece));
                continue;
            }

            var shape = ReduceNode(piece, path);
            if (!shape.IsUndefined)
            {
                parts.Add((shape.Value!, piece));
            }
        }

        var significant = parts.Where(p => p.Value is not HoconLiteral { IsWhitespace: true }).ToList();
        if (significant.Count == 0)
        {
            return ResolvedShape.Undefined;
        }

        var kind = HoconParser.ConcatenationKind(significant[0].Value);
        foreach (var (value, piece) in significant)
        {
            var pieceKind = HoconParser.ConcatenationKind(value);
            if (pieceKind != kind)
            {
                throw new HoconException(piece.Origin, $"cannot concatenate {HoconParser.KindName(pieceKind)}{SourceOf(piece)} with {HoconParser.KindName(kind)}{SourceOf(significant[0].Piece)}: the values joined on one line must be all strings, all arrays or all objects");
            }
        }

        return kind switch
        {
            HoconValueType.Object => new ResolvedShape(significant.Count == 1
                ? (HoconObject)significant[0].Value
                : MergeAll([.. significant.Select(p => (HoconObject)p.Value).Reverse()])),
            HoconValueType.Array => new ResolvedShape(new HoconArray(significant.SelectMany(p => ((HoconArray)p.Value).Items), concatenation.Origin)),
            _ => new ResolvedShape(HoconLiteral.FromString(string.Concat(parts.Select(p => ((HoconLiteral)p.Value).Text)), concatenation.Origin)),
        };
    }

    private static string SourceOf(HoconValue piece) =>
        piece is HoconSubstitution substitution ? $" (the value of {substitution.Describe()})" : "";

    private HoconArray ResolveArray(HoconArray array)
    {
        if (!ContainsUnresolved(array))
        {
            return array;
        }

        var items = new List<HoconValue>();
        foreach (var item in array.Items)
        {
            var resolved = ResolveDetached(item);
            if (resolved is not null)
            {
                items.Add(resolved);
            }
        }

        return new HoconArray(items, array.Origin);
    }

    /// <summary>Fully resolves a value that has no path of its own (an array element or a field inside one).</summary>
    private HoconValue? ResolveDetached(HoconValue node)
    {
        var shape = ReduceNode(node, null);
        if (shape.Value is not HoconObject obj)
        {
            return shape.Value;
        }

        if (shape.Alias is not null)
        {
            return ResolveThrough(shape.Alias, shape.Via);
        }

        if (!ContainsUnresolved(obj))
        {
            return obj;
        }

        var resolved = new HoconObject(obj.Origin) { IgnoresFallbacks = obj.IgnoresFallbacks };
        foreach (var (key, child) in obj.Items)
        {
            var value = ResolveDetached(child);
            if (value is not null)
            {
                resolved.Set(key, value);
            }
        }

        return resolved;
    }

    private int EnterScope()
    {
        var saved = _lowestLookBack;
        _lowestLookBack = int.MaxValue;
        return saved;
    }

    /// <summary>True when nothing in the scope looked back through a field being reduced outside it, so its result is final.</summary>
    private bool ScopeIsClean(int depth) => _lowestLookBack >= depth;

    private void LeaveScope(int saved) => _lowestLookBack = Math.Min(saved, _lowestLookBack);

    private string DescribeCycle(HoconPath path)
    {
        var start = _trail.FindLastIndex(p => p.Key == path.Key);
        var chain = new List<string>();
        foreach (var step in start < 0 ? [] : _trail.Skip(start))
        {
            var text = step.ToString();
            if (chain.Count == 0 || chain[^1] != text)
            {
                chain.Add(text);
            }
        }

        chain.Add(path.ToString());
        return string.Join(" -> ", chain);
    }
}
