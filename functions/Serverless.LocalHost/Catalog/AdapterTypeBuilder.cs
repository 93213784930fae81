using System.Reflection;
using System.Reflection.Emit;
using Microsoft.Azure.WebJobs;

namespace Serverless.LocalHost.Catalog;

/// <summary>
/// Emits the WebJobs job classes the local host generates at start-up, one per triggered function: the WebJobs SDK
/// only discovers triggers from attributes on methods, so each generated method carries a WebJobs trigger attribute
/// built from the worker function's own (same path or queue, same connection) and forwards to its adapter's base.
/// </summary>
public sealed class AdapterTypeBuilder
{
    private readonly ModuleBuilder _module;

    public AdapterTypeBuilder(string name)
    {
        var assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName(name), AssemblyBuilderAccess.Run);
        _module = assembly.DefineDynamicModule(name);
    }

    /// <summary>
    /// A class deriving <paramref name="adapterBase"/> (whose constructor takes one <paramref name="dispatcherType"/>)
    /// with a method <c>Run(<paramref name="triggerType"/>, CancellationToken)</c> whose first parameter carries
    /// <paramref name="trigger"/> and which calls the base's <c>InvokeAsync(string functionName, trigger, token)</c>.
    /// </summary>
    public Type Define(string functionName, Type adapterBase, Type dispatcherType, Type triggerType, CustomAttributeBuilder trigger)
    {
        var baseConstructor = adapterBase.GetConstructor(BindingFlags.Instance | BindingFlags.NonPublic, [dispatcherType])!;
        var invoke = adapterBase.GetMethod("InvokeAsync", BindingFlags.Instance | BindingFlags.NonPublic)!;
        var type = _module.DefineType(
            $"{_module.Assembly.GetName().Name}.{functionName}",
            TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Class,
            adapterBase);

        var constructor = type.DefineConstructor(MethodAttributes.Public, CallingConventions.Standard, [dispatcherType]);
        var il = constructor.GetILGenerator();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Call, baseConstructor);
        il.Emit(OpCodes.Ret);

        var method = type.DefineMethod("Run", MethodAttributes.Public | MethodAttributes.HideBySig, typeof(Task), [triggerType, typeof(CancellationToken)]);
        method.SetCustomAttribute(new CustomAttributeBuilder(typeof(FunctionNameAttribute).GetConstructor([typeof(string)])!, [functionName]));
        method.DefineParameter(1, ParameterAttributes.None, "trigger").SetCustomAttribute(trigger);
        method.DefineParameter(2, ParameterAttributes.None, "cancellationToken");

        il = method.GetILGenerator();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldstr, functionName);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Ldarg_2);
        il.Emit(OpCodes.Call, invoke);
        il.Emit(OpCodes.Ret);
        return type.CreateType();
    }
}
