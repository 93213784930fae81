using System.Reflection;
using System.Reflection.Emit;
using Azure.Storage.Blobs;
using Microsoft.Azure.WebJobs;
using Serverless.LocalHost.Catalog;
using WorkerBlobTrigger = Microsoft.Azure.Functions.Worker.BlobTriggerAttribute;

namespace Serverless.LocalHost.Blobs;

/// <summary>
/// Generates, at start-up, one WebJobs job class per blob-triggered function. The WebJobs SDK only discovers
/// triggers from attributes on methods, so each generated method carries a WebJobs <c>[BlobTrigger]</c> built from
/// the worker function's own attribute (same path, same connection): nothing is written a second time.
/// </summary>
public static class BlobAdapterFactory
{
    public static IReadOnlyList<Type> CreateAdapterTypes(IEnumerable<FunctionDescriptor> blobFunctions)
    {
        var assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("Serverless.LocalHost.Generated"), AssemblyBuilderAccess.Run);
        var module = assembly.DefineDynamicModule("Serverless.LocalHost.Generated");
        var baseConstructor = typeof(BlobTriggerAdapter).GetConstructor(
            BindingFlags.Instance | BindingFlags.NonPublic, [typeof(BlobFunctionDispatcher)])!;
        var invoke = typeof(BlobTriggerAdapter).GetMethod("InvokeAsync", BindingFlags.Instance | BindingFlags.NonPublic)!;

        var types = new List<Type>();
        foreach (var function in blobFunctions)
        {
            var trigger = (WorkerBlobTrigger)function.Trigger;
            var type = module.DefineType(
                $"Serverless.LocalHost.Generated.{function.Name}",
                TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Class,
                typeof(BlobTriggerAdapter));

            var constructor = type.DefineConstructor(MethodAttributes.Public, CallingConventions.Standard, [typeof(BlobFunctionDispatcher)]);
            var il = constructor.GetILGenerator();
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldarg_1);
            il.Emit(OpCodes.Call, baseConstructor);
            il.Emit(OpCodes.Ret);

            var method = type.DefineMethod(
                "Run",
                MethodAttributes.Public | MethodAttributes.HideBySig,
                typeof(Task),
                [typeof(BlobClient), typeof(CancellationToken)]);
            method.SetCustomAttribute(new CustomAttributeBuilder(
                typeof(FunctionNameAttribute).GetConstructor([typeof(string)])!, [function.Name]));
            var blobParameter = method.DefineParameter(1, ParameterAttributes.None, "blob");
            var connectionProperty = typeof(BlobTriggerAttribute).GetProperty(nameof(BlobTriggerAttribute.Connection))!;
            blobParameter.SetCustomAttribute(new CustomAttributeBuilder(
                typeof(BlobTriggerAttribute).GetConstructor([typeof(string)])!,
                [trigger.BlobPath],
                [connectionProperty],
                [trigger.Connection ?? "AzureWebJobsStorage"]));
            method.DefineParameter(2, ParameterAttributes.None, "cancellationToken");

            il = method.GetILGenerator();
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldstr, function.Name);
            il.Emit(OpCodes.Ldarg_1);
            il.Emit(OpCodes.Ldarg_2);
            il.Emit(OpCodes.Call, invoke);
            il.Emit(OpCodes.Ret);

            types.Add(type.CreateType());
        }

        return types;
    }
}
