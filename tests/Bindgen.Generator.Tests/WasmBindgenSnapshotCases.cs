using System.Collections.Generic;
using NUnit.Framework;

namespace Bindgen.Generator.Tests;

/// <summary>
/// Snapshot cases of the wasm-bindgen ABI: each binding with the glue it is read against, excerpts in the shape
/// wasm-bindgen 0.2.8x-0.2.10x writes (tests/Bindgen.WasmBindgen.Tests/shapes/shapes.js and the npm packages).
/// </summary>
internal static class WasmBindgenSnapshotCases
{
    private const string Prelude = """
        let wasm;
        const heap = new Array(128).fill(undefined);
        heap.push(undefined, null, true, false);

        """;

    private const string NumbersGlue = Prelude + """
        /**
        * @param {number} a
        * @param {number} b
        * @returns {number}
        */
        export function add(a, b) {
            const ret = wasm.add(a, b);
            return ret;
        }

        /**
        * @param {number} a
        * @param {number} b
        * @returns {number}
        */
        export function max_u32(a, b) {
            const ret = wasm.max_u32(a, b);
            return ret >>> 0;
        }

        /**
        * @param {number} value
        * @returns {boolean}
        */
        export function is_even(value) {
            const ret = wasm.is_even(value);
            return ret !== 0;
        }

        /**
        * @param {number} x
        * @param {number} factor
        * @returns {number}
        */
        export function scale(x, factor) {
            const ret = wasm.scale(x, factor);
            return ret;
        }

        /**
        * @param {number | undefined} [limit]
        * @param {boolean | undefined} [verbose]
        */
        export function configure(limit, verbose) {
            wasm.configure(isLikeNone(limit) ? 0x100000001 : (limit) >>> 0, isLikeNone(verbose) ? 0xFFFFFF : verbose ? 1 : 0);
        }
        """;

    private const string StringsGlue = Prelude + """
        /**
        * @param {string} text
        * @returns {number}
        */
        export function count_chars(text) {
            const ptr0 = passStringToWasm0(text, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            const len0 = WASM_VECTOR_LEN;
            const ret = wasm.count_chars(ptr0, len0);
            return ret >>> 0;
        }

        /**
        * @param {string} text
        * @returns {string}
        */
        export function round_trip(text) {
            let deferred2_0;
            let deferred2_1;
            try {
                const retptr = wasm.__wbindgen_add_to_stack_pointer(-16);
                const ptr0 = passStringToWasm0(text, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
                const len0 = WASM_VECTOR_LEN;
                wasm.round_trip(retptr, ptr0, len0);
                var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
                var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
                deferred2_0 = r0;
                deferred2_1 = r1;
                return getStringFromWasm0(r0, r1);
            } finally {
                wasm.__wbindgen_add_to_stack_pointer(16);
                wasm.__wbindgen_free(deferred2_0, deferred2_1, 1);
            }
        }

        /**
        * @param {string | undefined} [text]
        * @returns {string | undefined}
        */
        export function echo_optional(text) {
            try {
                const retptr = wasm.__wbindgen_add_to_stack_pointer(-16);
                var ptr0 = isLikeNone(text) ? 0 : passStringToWasm0(text, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
                var len0 = WASM_VECTOR_LEN;
                wasm.echo_optional(retptr, ptr0, len0);
                var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
                var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
                let v2;
                if (r0 !== 0) {
                    v2 = getStringFromWasm0(r0, r1).slice();
                    wasm.__wbindgen_free(r0, r1 * 1, 1);
                }
                return v2;
            } finally {
                wasm.__wbindgen_add_to_stack_pointer(16);
            }
        }

        /**
        * @param {string} text
        * @param {boolean} hmm
        * @returns {string[]}
        */
        export function cut(text, hmm) {
            try {
                const retptr = wasm.__wbindgen_add_to_stack_pointer(-16);
                const ptr0 = passStringToWasm0(text, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
                const len0 = WASM_VECTOR_LEN;
                wasm.cut(retptr, ptr0, len0, hmm);
                var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
                var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
                var v2 = getArrayJsValueFromWasm0(r0, r1).slice();
                wasm.__wbindgen_free(r0, r1 * 4, 4);
                return v2;
            } finally {
                wasm.__wbindgen_add_to_stack_pointer(16);
            }
        }

        function __wbg_get_imports() {
            const imports = {};
            imports.wbg = {};
            imports.wbg.__wbindgen_string_new = function(arg0, arg1) {
                const ret = getStringFromWasm0(arg0, arg1);
                return addHeapObject(ret);
            };
            return imports;
        }
        """;

    private const string ArraysGlue = Prelude + """
        /**
        * @param {Uint8Array} data
        * @param {number} seed
        * @returns {number}
        */
        export function checksum(data, seed) {
            const ptr0 = passArray8ToWasm0(data, wasm.__wbindgen_malloc);
            const len0 = WASM_VECTOR_LEN;
            const ret = wasm.checksum(ptr0, len0, seed);
            return ret >>> 0;
        }

        /**
        * @param {Uint8Array} data
        * @returns {Uint8Array}
        */
        export function reverse(data) {
            try {
                const retptr = wasm.__wbindgen_add_to_stack_pointer(-16);
                const ptr0 = passArray8ToWasm0(data, wasm.__wbindgen_malloc);
                const len0 = WASM_VECTOR_LEN;
                wasm.reverse(retptr, ptr0, len0);
                var r0 = getInt32Memory0()[retptr / 4 + 0];
                var r1 = getInt32Memory0()[retptr / 4 + 1];
                var v2 = getArrayU8FromWasm0(r0, r1).slice();
                wasm.__wbindgen_free(r0, r1 * 1);
                return v2;
            } finally {
                wasm.__wbindgen_add_to_stack_pointer(16);
            }
        }

        /**
        * @param {Float64Array} values
        * @param {number} factor
        * @returns {Float64Array}
        */
        export function scale_f64(values, factor) {
            try {
                const retptr = wasm.__wbindgen_add_to_stack_pointer(-16);
                const ptr0 = passArrayF64ToWasm0(values, wasm.__wbindgen_malloc);
                const len0 = WASM_VECTOR_LEN;
                wasm.scale_f64(retptr, ptr0, len0, factor);
                var r0 = getInt32Memory0()[retptr / 4 + 0];
                var r1 = getInt32Memory0()[retptr / 4 + 1];
                var v2 = getArrayF64FromWasm0(r0, r1).slice();
                wasm.__wbindgen_free(r0, r1 * 8);
                return v2;
            } finally {
                wasm.__wbindgen_add_to_stack_pointer(16);
            }
        }

        /**
        * @param {Int32Array} values
        * @returns {Int32Array}
        */
        export function negate_i32(values) {
            try {
                const retptr = wasm.__wbindgen_add_to_stack_pointer(-16);
                const ptr0 = passArray32ToWasm0(values, wasm.__wbindgen_malloc);
                const len0 = WASM_VECTOR_LEN;
                wasm.negate_i32(retptr, ptr0, len0);
                var r0 = getInt32Memory0()[retptr / 4 + 0];
                var r1 = getInt32Memory0()[retptr / 4 + 1];
                var v2 = getArrayI32FromWasm0(r0, r1).slice();
                wasm.__wbindgen_free(r0, r1 * 4);
                return v2;
            } finally {
                wasm.__wbindgen_add_to_stack_pointer(16);
            }
        }
        """;

    private const string ValuesGlue = Prelude + """
        /**
        * @param {string} message
        */
        export function fail(message) {
            try {
                const retptr = wasm.__wbindgen_add_to_stack_pointer(-16);
                const ptr0 = passStringToWasm0(message, wasm.__wbindgen_malloc);
                const len0 = WASM_VECTOR_LEN;
                wasm.fail(retptr, ptr0, len0);
                var r0 = getInt32Memory0()[retptr / 4 + 0];
                var r1 = getInt32Memory0()[retptr / 4 + 1];
                if (r1) {
                    throw takeObject(r0);
                }
            } finally {
                wasm.__wbindgen_add_to_stack_pointer(16);
            }
        }

        /**
        * @param {string} input
        * @returns {string}
        */
        export function shout(input) {
            let deferred2_0;
            let deferred2_1;
            try {
                const retptr = wasm.__wbindgen_add_to_stack_pointer(-16);
                const ptr0 = passStringToWasm0(input, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
                const len0 = WASM_VECTOR_LEN;
                wasm.shout(retptr, ptr0, len0);
                var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
                var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
                var r2 = getDataViewMemory0().getInt32(retptr + 4 * 2, true);
                var r3 = getDataViewMemory0().getInt32(retptr + 4 * 3, true);
                var ptr2 = r0;
                var len2 = r1;
                if (r3) {
                    ptr2 = 0; len2 = 0;
                    throw takeObject(r2);
                }
                deferred2_0 = ptr2;
                deferred2_1 = len2;
                return getStringFromWasm0(ptr2, len2);
            } finally {
                wasm.__wbindgen_add_to_stack_pointer(16);
                wasm.__wbindgen_free(deferred2_0, deferred2_1, 1);
            }
        }

        /**
        * @param {Uint8Array} data
        * @returns {number}
        */
        export function js_sum(data) {
            const ret = wasm.js_sum(addHeapObject(data));
            return ret >>> 0;
        }

        /**
        * @param {Uint8Array} data
        * @returns {number}
        */
        export function js_borrowed_length(data) {
            try {
                const ret = wasm.js_borrowed_length(addBorrowedObject(data));
                return ret >>> 0;
            } finally {
                heap[stack_pointer++] = undefined;
            }
        }

        /**
        * @param {number} n
        * @returns {Uint8Array}
        */
        export function js_make(n) {
            const ret = wasm.js_make(n);
            return takeObject(ret);
        }

        /**
        * @returns {any}
        */
        export function set_out_of_range() {
            const ret = wasm.set_out_of_range();
            return takeObject(ret);
        }

        function __wbg_get_imports() {
            const imports = {};
            imports.wbg = {};
            imports.wbg.__wbindgen_object_drop_ref = function(arg0) {
                takeObject(arg0);
            };
            imports.wbg.__wbindgen_error_new = function(arg0, arg1) {
                const ret = new Error(getStringFromWasm0(arg0, arg1));
                return addHeapObject(ret);
            };
            imports.wbg.__wbg_length_a1 = function(arg0) {
                const ret = getObject(arg0).length;
                return ret;
            };
            imports.wbg.__wbg_newwithlength_c3 = function(arg0) {
                const ret = new Uint8Array(arg0 >>> 0);
                return addHeapObject(ret);
            };
            imports.wbg.__wbg_set_e10 = function() { return handleError(function (arg0, arg1, arg2) {
                getObject(arg0).set(getObject(arg1), arg2 >>> 0);
            }, arguments) };
            return imports;
        }
        """;

    public static IEnumerable<TestCaseData> Cases()
    {
        yield return SnapshotTests.Case("WasmBindgenNumbers", """
            using Bindgen;
            namespace Demo.Web;

            [WasmModule(Abi = WasmAbi.WasmBindgen, Glue = "numbers.js")]
            public interface INumbers
            {
                int Add(int a, int b);
                uint MaxU32(uint a, uint b);
                bool IsEven(int value);
                double Scale(double x, double factor);
                void Configure(uint? limit, bool? verbose);
            }
            """, new InMemoryAdditionalText("/pkg/numbers.js", NumbersGlue));

        yield return SnapshotTests.Case("WasmBindgenStrings", """
            using Bindgen;
            namespace Demo.Web;

            [WasmModule(Abi = WasmAbi.WasmBindgen, Glue = "strings.js")]
            public interface IStrings
            {
                uint CountChars(string text);
                string RoundTrip(string text);
                string? EchoOptional(string? text);
                string[] Cut(string text, bool hmm);
            }
            """, new InMemoryAdditionalText("/pkg/strings.js", StringsGlue));

        yield return SnapshotTests.Case("WasmBindgenArrays", """
            using System;
            using Bindgen;
            namespace Demo.Web;

            [WasmModule(Abi = WasmAbi.WasmBindgen, Glue = "arrays.js")]
            public interface IArrays
            {
                uint Checksum(ReadOnlySpan<byte> data, int seed);
                byte[] Reverse(byte[] data);
                double[] ScaleF64(ReadOnlySpan<double> values, double factor);
                int[] NegateI32(int[] values);
            }
            """, new InMemoryAdditionalText("/pkg/arrays.js", ArraysGlue));

        yield return SnapshotTests.Case("WasmBindgenValues", """
            using System;
            using Bindgen;
            namespace Demo.Web;

            [WasmModule(Abi = WasmAbi.WasmBindgen, Glue = "values.js")]
            public interface IValues
            {
                void Fail(string message);
                string Shout(string input);
                uint JsSum(byte[] data);
                uint JsBorrowedLength(ReadOnlySpan<byte> data);
                byte[] JsMake(int n);
                object? SetOutOfRange();
            }
            """, new InMemoryAdditionalText("/pkg/values.js", ValuesGlue));
    }
}
