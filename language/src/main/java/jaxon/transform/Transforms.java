package jaxon.transform;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.source.Source;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import jaxon.JaxonContext;
import jaxon.JaxonLanguage;
import jaxon.ast.Embedded;
import jaxon.ast.Expr;
import jaxon.ast.Parameters;
import jaxon.ast.Span;
import jaxon.ast.Stmt;
import jaxon.nodes.FunctionNodes;
import jaxon.nodes.Translator;
import jaxon.runtime.BuiltinFunction;
import jaxon.runtime.Cell;
import jaxon.runtime.Errors;
import jaxon.runtime.PFunction;
import jaxon.runtime.PModule;
import jaxon.runtime.PyExceptionType;
import jaxon.runtime.PyObjects;
import jaxon.runtime.Signature;

/**
 * Builds and caches the functions that transformations generate: a generated def is compiled
 * to Truffle nodes like any other code, in the module of the function it came from and with its
 * closure, and kept per (function, transformation, options).
 */
public final class Transforms {
    private Transforms() {
    }

    private static final Map<Object, Map<String, PFunction>> CACHE = new WeakHashMap<>();

    /** jit-compiled functions and the functions they came from: other transformations work on the original. */
    private static final Map<PFunction, Object> JITTED = java.util.Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * jit(f): f with its chains of elementwise operations fused into single loops (see {@link Fusion})
     * and its arguments other than staticNames converted as JAX converts them (Python scalars to
     * weakly typed arrays); functions without a Jaxon tree are returned unchanged.
     */
    @TruffleBoundary
    public static Object jitFunction(Object f, java.util.Set<String> staticNames) {
        return jit(f, staticNames, true);
    }

    /**
     * A Jaxon function called from jitted code, fused in turn: jit reaches the functions it calls,
     * as JAX's tracing does, but their arguments and results pass as they are (a Python int stays
     * one). f itself when it cannot be fused or is being fused already (recursion).
     */
    public static Object jitCallee(Object f) {
        return jit(f, java.util.Set.of(), false);
    }

    /** The functions whose jit is being built on this thread: a call back into one of them stays as it is. */
    private static final ThreadLocal<Set<PFunction>> FUSING = ThreadLocal.withInitial(java.util.HashSet::new);

    private static Object jit(Object f, java.util.Set<String> staticNames, boolean entry) {
        if (!(f instanceof PFunction p) || p.definition == null || JITTED.containsKey(p)) {
            return f;
        }
        return cached(f, (entry ? "jit" : "jit callee") + new java.util.TreeSet<>(staticNames), () -> {
            if (!FUSING.get().add(p)) {
                return p; // a call back into a function being fused (recursion): the cache gets the fused one when it is done
            }
            try {
                Stmt.FunctionDef generated = Fusion.fuse(p.definition, "jit_" + identifier(p.name), staticNames, entry, e -> resolve(e, p.module),
                        JaxonContext.get(null).language);
                Signature s = p.signature;
                PFunction fn = compile(generated, p, new Signature(generated.name(), s.names, s.defaults, s.positionalCount, s.varargsIndex, s.kwargsIndex));
                JITTED.put(fn, p);
                return fn;
            } catch (TransformError e) {
                return p; // a construct fusion does not handle: f runs as written
            } finally {
                FUSING.get().remove(p);
            }
        });
    }

    /** The function a jit-compiled one came from (f itself otherwise). */
    private static Object unjit(Object f) {
        Object original = f instanceof PFunction p ? JITTED.get(p) : null;
        return original != null ? original : f;
    }

    /** The generated function for (f, key), built once; building may itself use the cache. */
    private static PFunction cached(Object f, String key, java.util.function.Supplier<PFunction> build) {
        synchronized (CACHE) {
            PFunction known = CACHE.computeIfAbsent(f, k -> new HashMap<>()).get(key);
            if (known != null) {
                return known;
            }
        }
        PFunction built = build.get();
        synchronized (CACHE) {
            CACHE.computeIfAbsent(f, k -> new HashMap<>()).put(key, built);
        }
        return built;
    }

    /** The vjp of f with respect to the positional parameters argnums (see {@link ReverseMode}). */
    @TruffleBoundary
    public static PFunction vjp(Object f0, int[] argnums) {
        Object f = unjit(f0);
        return cached(f, "vjp" + java.util.Arrays.toString(argnums), () -> buildVjp(f, argnums));
    }

    private static PFunction buildVjp(Object f, int[] argnums) {
        PFunction source = differentiable(f);
        Stmt.FunctionDef def = source.definition;
        List<String> positional = def.params().positional().stream().map(Parameters.Param::name).toList();
        String varargs = def.params().varargs();
        List<String> wrt = new ArrayList<>();
        for (int i : argnums) {
            if (i >= positional.size() && varargs != null) {
                wrt.add(varargs + "[" + (i - positional.size()) + "]"); // an argument gathered into *args
                continue;
            }
            if (i < 0 || i >= positional.size()) {
                throw Errors.valueError("argnums " + i + " is out of bounds for the " + positional.size() + " positional parameters of " + source.name);
            }
            wrt.add(positional.get(i));
        }
        Stmt.FunctionDef generated;
        try {
            generated = ReverseMode.vjp(def, identifier(source.name) + "_vjp", wrt, e -> resolve(e, source.module));
        } catch (TransformError e) {
            throw Errors.raise(PyExceptionType.NOT_IMPLEMENTED_ERROR, e.getMessage() + where(source, e.span));
        }
        Signature s = source.signature;
        Signature signature = new Signature(generated.name(), prepend(generated.params().positional().get(0).name(), s.names), prependNull(s.defaults), s.positionalCount + 1,
                s.varargsIndex < 0 ? -1 : s.varargsIndex + 1, s.kwargsIndex < 0 ? -1 : s.kwargsIndex + 1);
        PFunction result = compile(generated, source, signature);
        return result;
    }

    /**
     * vmap(f, in_axes, out_axes) as a generated function (see {@link Batching}); axes holds one
     * in_axes entry (a Long or None) per positional argument.
     */
    @TruffleBoundary
    public static PFunction vmapFunction(Object f0, Object[] axes, Object outAxes) {
        Object f = unjit(f0);
        return cached(f, "vmap" + java.util.Arrays.toString(axes) + PyObjects.repr(outAxes), () -> buildVmap(f, axes, outAxes));
    }

    private static PFunction buildVmap(Object f, Object[] axes, Object outAxes) {
        PFunction source = asFunction(f);
        Stmt.FunctionDef def = source.definition;
        int positional = def.params().positional().size();
        if (axes.length > positional) {
            throw Errors.valueError("vmap in_axes must be an int, None, or a tuple of entries corresponding to the positional arguments "
                    + "passed to the function, but got len(in_axes)=" + axes.length + ", len(args)=" + positional + ".");
        }
        List<Object> perParam = new ArrayList<>();
        for (int i = 0; i < positional; i++) {
            perParam.add(i < axes.length && axes[i] != jaxon.runtime.PNone.NONE ? axes[i] : null);
        }
        String name = "vmap_" + identifier(source.name);
        Stmt.FunctionDef generated;
        try {
            generated = Batching.vmap(def, name, perParam, outAxes, e -> resolve(e, source.module));
        } catch (TransformError e) {
            throw Errors.raise(PyExceptionType.VALUE_ERROR, e.getMessage() + where(source, e.span));
        }
        Signature s = source.signature;
        PFunction result = compile(generated, source, new Signature(name, s.names, s.defaults, s.positionalCount, s.varargsIndex, s.kwargsIndex));
        return result;
    }

    /** A def generated from f's tree, compiled with f's module, source and closure. */
    static PFunction compile(Stmt.FunctionDef def, PFunction origin, Signature signature) {
        FunctionNodes.FunctionRoot root = (FunctionNodes.FunctionRoot) origin.target.getRootNode();
        String[] originFrees = root.freeNames();
        Set<String> enclosing = new LinkedHashSet<>(List.of(originFrees));
        JaxonContext context = JaxonContext.get(null);
        Source src = root.getSourceSection() != null ? root.getSourceSection().getSource() : Source.newBuilder(JaxonLanguage.ID, "", "<generated>").build();
        RootCallTarget target = new Translator(context.language, src, false).translateGenerated(def, enclosing);
        String[] frees = ((FunctionNodes.FunctionRoot) target.getRootNode()).freeNames();
        Cell[] closure = new Cell[frees.length];
        for (int i = 0; i < frees.length; i++) {
            closure[i] = origin.closure[List.of(originFrees).indexOf(frees[i])];
        }
        return new PFunction(def.name(), target, signature, closure, origin.module, def);
    }

    /** f as a function with a syntax tree: builtins are wrapped in a one-line def that calls them. */
    private static PFunction asFunction(Object f) {
        if (f instanceof PFunction p && p.definition != null) {
            return p;
        }
        if (f instanceof BuiltinFunction b && plain(b.signature)) {
            return wrap(b, b.signature, b.qualifiedName());
        }
        throw Errors.typeError("cannot differentiate " + PyObjects.repr(f) + ": it has no Jaxon source to transform");
    }

    /**
     * The function whose code the vjp differentiates: a library function with its own derivative
     * rule (jax.nn.sigmoid, softplus, ...) is wrapped like a builtin, so that grad(f) uses the
     * rule, as JAX does, instead of differentiating f's body.
     */
    private static PFunction differentiable(Object f) {
        String name = CallSite.qualifiedName(f);
        if (f instanceof PFunction p && name != null && AdRules.rule(name) != null && plain(p.signature)) {
            return wrap(p, p.signature, name);
        }
        return asFunction(f);
    }

    private static boolean plain(Signature sig) {
        return sig.varargsIndex < 0 && sig.kwargsIndex < 0;
    }

    private static PFunction wrap(Object fn, Signature sig, String qualifiedName) {
        Span sp = Span.NONE;
        List<Parameters.Param> params = new ArrayList<>();
        List<Expr> args = new ArrayList<>();
        for (String n : sig.names) {
            params.add(new Parameters.Param(sp, n, null));
            args.add(new Expr.Name(sp, n));
        }
        Expr call = new Expr.Call(sp, new Expr.Const(sp, new Embedded(fn, qualifiedName)), args, List.of());
        Stmt.FunctionDef def = new Stmt.FunctionDef(sp, sig.name, new Parameters(params, null, List.of(), null),
                List.of(new Stmt.Return(sp, call)), List.of());
        JaxonContext context = JaxonContext.get(null);
        Source src = Source.newBuilder(JaxonLanguage.ID, "", "<" + qualifiedName + ">").build();
        RootCallTarget target = new Translator(context.language, src, false).translateGenerated(def, Set.of());
        return new PFunction(sig.name, target, sig, new Cell[0], context.mainModule, def);
    }

    /** The value of a dotted name in module (or the builtins) when the code is transformed; null if unknown. */
    static Object resolve(Expr e, PModule module) {
        return switch (e) {
            case Expr.Const c when c.value() instanceof Embedded em -> em.value();
            case Expr.Name n -> {
                Object v = module == null ? null : module.get(n.id());
                yield v != null ? v : JaxonContext.get(null).builtins.get(n.id());
            }
            case Expr.Attribute a -> resolve(a.value(), module) instanceof PModule m ? m.get(a.attr()) : null;
            default -> null;
        };
    }

    private static String where(PFunction f, Span span) {
        FunctionNodes.FunctionRoot root = (FunctionNodes.FunctionRoot) f.target.getRootNode();
        if (root.getSourceSection() == null || span == null || span.end() <= span.start()) {
            return "";
        }
        Source src = root.getSourceSection().getSource();
        return " (" + src.getName() + ", line " + src.createSection(span.start(), span.end() - span.start()).getStartLine() + ")";
    }

    private static String[] prepend(String first, String[] rest) {
        String[] out = new String[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    private static Object[] prependNull(Object[] rest) {
        Object[] out = new Object[rest.length + 1];
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    /**
     * The function grad(f) or value_and_grad(f) returns: a generated def with f's parameters that
     * checks the differentiated arguments, runs f's vjp and picks the parts to return. Being Jaxon
     * code with a tree, it can be transformed again (grad(grad(f))).
     */
    @TruffleBoundary
    public static PFunction gradFunction(Object f0, int[] argnums0, boolean singleArgnum, boolean hasAux, boolean withValue, String what) {
        Object f = unjit(f0);
        int[] argnums = checkedArgnums(f, argnums0, singleArgnum);
        return cached(f, what + java.util.Arrays.toString(argnums) + singleArgnum + hasAux,
                () -> buildGrad(f, argnums, singleArgnum, hasAux, withValue, what));
    }

    /**
     * argnums counted from 0 against f's positional parameters, which is how many positional
     * arguments a call passes (negative ones from the end), with JAX's errors for the others. With
     * *args the count is only known at the call: argnums stay as given.
     */
    private static int[] checkedArgnums(Object f, int[] argnums, boolean single) {
        PFunction source = asFunction(f);
        if (source.definition.params().varargs() != null) {
            return argnums;
        }
        int n = source.definition.params().positional().size();
        int[] out = argnums.clone();
        for (int k = 0; k < out.length; k++) {
            if (out[k] < -n) {
                throw Errors.valueError("Positional argument indices, e.g. for `static_argnums`, must have value greater than or equal to "
                        + "-len(args) and less than len(args), but got value " + out[k] + " for len(args) == " + n + ".");
            }
            if (out[k] >= n) {
                int most = java.util.Arrays.stream(argnums).max().getAsInt();
                String given = single ? String.valueOf(argnums[0]) : PyObjects.repr(new jaxon.runtime.PTuple(java.util.Arrays.stream(argnums).mapToObj(i -> (Object) (long) i).toArray()));
                throw Errors.typeError("differentiating with respect to argnums=" + given + " requires at least " + (most + 1)
                        + " positional arguments to be passed by the caller, but got only " + n + " positional arguments.");
            }
            out[k] = out[k] < 0 ? out[k] + n : out[k];
        }
        return out;
    }

    private static PFunction buildGrad(Object f, int[] argnums, boolean singleArgnum, boolean hasAux, boolean withValue, String what) {
        PFunction source = asFunction(f);
        PFunction vjp = vjp(f, argnums);
        Stmt.FunctionDef def = source.definition;
        Span sp = def.span();
        List<Expr> args = new ArrayList<>();
        args.add(hasAux ? AdRules.helperValue(sp, "HAS_AUX") : new Expr.Const(sp, jaxon.runtime.PNone.NONE));
        List<Expr.Keyword> keywords = new ArrayList<>();
        def.params().positional().forEach(p -> args.add(new Expr.Name(sp, p.name())));
        if (def.params().varargs() != null) {
            args.add(new Expr.Starred(sp, new Expr.Name(sp, def.params().varargs())));
        }
        def.params().keywordOnly().forEach(p -> keywords.add(new Expr.Keyword(sp, p.name(), new Expr.Name(sp, p.name()))));
        if (def.params().kwargs() != null) {
            keywords.add(new Expr.Keyword(sp, null, new Expr.Name(sp, def.params().kwargs())));
        }
        List<Expr> checked = new ArrayList<>();
        int positional = def.params().positional().size();
        for (int i : argnums) {
            checked.add(i < positional ? new Expr.Name(sp, def.params().positional().get(i).name())
                    : new Expr.Subscript(sp, new Expr.Name(sp, def.params().varargs()), new Expr.Const(sp, (long) (i - positional))));
        }
        Expr.Name r = new Expr.Name(sp, "_r");
        Expr grads = new Expr.Subscript(sp, r, new Expr.Const(sp, 1L));
        if (singleArgnum) {
            grads = new Expr.Subscript(sp, grads, new Expr.Const(sp, 0L));
        }
        Expr out = new Expr.Subscript(sp, r, new Expr.Const(sp, 0L));
        Expr result = withValue ? new Expr.TupleExpr(sp, List.of(out, grads))
                : hasAux ? new Expr.TupleExpr(sp, List.of(grads, new Expr.Subscript(sp, out, new Expr.Const(sp, 1L)))) : grads;
        List<Stmt> body = new ArrayList<>();
        body.add(new Stmt.ExprStmt(sp, AdRules.helper(sp, "check_inexact", new Expr.TupleExpr(sp, checked), new Expr.Const(sp, what))));
        for (Expr p : checked) { // differentiated Python floats become float32 arrays, as in JAX
            if (p instanceof Expr.Name) { // (an argument gathered into *args stays as it is)
                body.add(new Stmt.Assign(sp, List.of(p), asArrayCall(sp, p)));
            }
        }
        body.add(new Stmt.Assign(sp, List.of(r), new Expr.Call(sp, new Expr.Const(sp, new Embedded(vjp, vjp.name)), args, keywords)));
        body.add(new Stmt.Return(sp, result));
        Parameters params = new Parameters(withoutDefaults(def.params().positional()), def.params().varargs(),
                withoutDefaults(def.params().keywordOnly()), def.params().kwargs());
        String name = what + "_" + identifier(source.name);
        Stmt.FunctionDef wrapper = new Stmt.FunctionDef(sp, name, params, body, List.of());
        Signature s = source.signature;
        PFunction fn = compile(wrapper, source, new Signature(name, s.names, s.defaults, s.positionalCount, s.varargsIndex, s.kwargsIndex));
        return fn;
    }

    /**
     * jacrev(f) for a function of one positional argument, as generated code that can be
     * transformed again (jacfwd(jacrev(f))): f's vjp, vmapped over the rows of an identity.
     */
    @TruffleBoundary
    public static PFunction jacobianFunction(Object f0, String what) {
        Object f = unjit(f0);
        return cached(f, what + "-rows", () -> {
            PFunction source = asFunction(f);
            PFunction vjp = vjp(f, new int[]{0});
            String text = """
                    def WHAT(x):
                        out = F(x)
                        n = jnp.size(out)
                        basis = jnp.reshape(jnp.eye(n, dtype=jnp.float32), (n,) + jnp.shape(out))
                        rows = jax.vmap(VJP, in_axes=(0, None))(basis, x)[1][0]
                        if isinstance(x, (list, tuple, dict)):
                            return ad.jacobian_tree(rows, jnp.shape(out), x)
                        return jnp.reshape(rows, jnp.shape(out) + jnp.shape(x))
                    """.replace("WHAT", what + "_" + identifier(source.name));
            Stmt.FunctionDef template = (Stmt.FunctionDef) jaxon.parser.Parser.parse(text, "<" + what + ">").body().get(0);
            Span sp = source.definition.span();
            Map<String, Expr> names = Map.of("F", new Expr.Const(sp, new Embedded(f, source.name)),
                    "VJP", new Expr.Const(sp, new Embedded(vjp, vjp.name)),
                    "jnp", AdRules.module("jax.numpy", "jnp", sp), "jax", AdRules.module("jax", "jax", sp),
                    "ad", AdRules.module("jaxon.ad", "ad", sp));
            List<Stmt> body = new ArrayList<>();
            for (Stmt st : template.body()) {
                body.add(switch (st) {
                    case Stmt.Assign a -> new Stmt.Assign(sp, a.targets(), Exprs.substitute(a.value(), names));
                    case Stmt.Return r -> new Stmt.Return(sp, Exprs.substitute(r.value(), names));
                    case Stmt.If i -> new Stmt.If(sp, Exprs.substitute(i.test(), names),
                            List.of(new Stmt.Return(sp, Exprs.substitute(((Stmt.Return) i.body().get(0)).value(), names))), List.of());
                    default -> st;
                });
            }
            Stmt.FunctionDef def = new Stmt.FunctionDef(sp, template.name(), template.params(), body, List.of());
            return compile(def, source, new Signature(def.name(), new String[]{"x"}, new Object[]{null}, 1, -1, -1));
        });
    }

    /** A function's name as part of an identifier: a lambda's "<lambda>" becomes "lambda". */
    private static String identifier(String name) {
        return name.replaceAll("[^A-Za-z0-9_]", "");
    }

    /** jaxon.as_array(e): Python scalars to arrays, as JAX converts the arguments of its transformations. */
    static Expr asArrayCall(Span sp, Expr e) {
        return new Expr.Call(sp, new Expr.Attribute(sp, AdRules.module("jaxon", "jaxon", sp), "as_array"), List.of(e), List.of());
    }

    private static List<Parameters.Param> withoutDefaults(List<Parameters.Param> ps) {
        return ps.stream().map(p -> new Parameters.Param(p.span(), p.name(), null)).toList();
    }

    /** The source of a function's syntax tree (generated ones included), for jaxon.source. */
    public static String source(PFunction f) {
        if (f.definition == null) {
            throw Errors.typeError("no source for " + f.repr());
        }
        StringBuilder out = new StringBuilder();
        java.util.Set<PFunction> seen = new java.util.LinkedHashSet<>();
        collectGenerated(f, seen);
        for (PFunction g : seen) {
            out.append(out.isEmpty() ? "" : "\n").append(SourcePrinter.print(g.definition));
        }
        return out.toString();
    }

    /** f and, first, the generated functions its code calls (a grad wrapper calls its vjp). */
    private static void collectGenerated(PFunction f, java.util.Set<PFunction> seen) {
        if (seen.contains(f)) {
            return;
        }
        for (PFunction g : embeddedFunctions(f.definition)) {
            collectGenerated(g, seen);
        }
        seen.add(f);
    }

    private static List<PFunction> embeddedFunctions(Stmt.FunctionDef def) {
        List<PFunction> found = new ArrayList<>();
        Exprs.embeddedValues(def.body(), v -> {
            if (v instanceof PFunction p && p.definition != null && !found.contains(p)) {
                found.add(p);
            }
        });
        return found;
    }
}
