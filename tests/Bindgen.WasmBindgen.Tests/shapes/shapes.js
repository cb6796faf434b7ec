// JavaScript glue for shapes.wat, in the shape wasm-bindgen 0.2.8x generates for the web target.
let wasm;
const heap = new Array(128).fill(undefined);
heap.push(undefined, null, true, false);

/**
* @param {string | undefined} text
* @returns {string | undefined}
*/
export function echo_optional(text) {
    try {
        const retptr = wasm.__wbindgen_add_to_stack_pointer(-16);
        var ptr0 = isLikeNone(text) ? 0 : passStringToWasm0(text, wasm.__wbindgen_malloc);
        var len0 = WASM_VECTOR_LEN;
        wasm.echo_optional(retptr, ptr0, len0);
        var r0 = getInt32Memory0()[retptr / 4 + 0];
        var r1 = getInt32Memory0()[retptr / 4 + 1];
        let v1;
        if (r0 !== 0) {
            v1 = getStringFromWasm0(r0, r1).slice();
            wasm.__wbindgen_free(r0, r1 * 1);
        }
        return v1;
    } finally {
        wasm.__wbindgen_add_to_stack_pointer(16);
    }
}

/**
* @param {string} text
* @returns {string}
*/
export function round_trip(text) {
    try {
        const retptr = wasm.__wbindgen_add_to_stack_pointer(-16);
        const ptr0 = passStringToWasm0(text, wasm.__wbindgen_malloc);
        const len0 = WASM_VECTOR_LEN;
        wasm.round_trip(retptr, ptr0, len0);
        var r0 = getInt32Memory0()[retptr / 4 + 0];
        var r1 = getInt32Memory0()[retptr / 4 + 1];
        return getStringFromWasm0(r0, r1);
    } finally {
        wasm.__wbindgen_add_to_stack_pointer(16);
        wasm.__wbindgen_free(r0, r1);
    }
}

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
* @returns {number}
*/
export function stamp() {
    const ret = wasm.stamp();
    return ret;
}

/**
* @returns {any}
*/
/**
 * @param {number} x
 * @returns {number | undefined}
 */
export function opt_u32(x) {
    const ret = wasm.opt_u32(x);
    return ret === 0x100000001 ? undefined : ret;
}

/**
 * @param {number} x
 * @returns {number | undefined}
 */
export function opt_u8(x) {
    const ret = wasm.opt_u8(x);
    return ret === 0xFFFFFF ? undefined : ret;
}

/**
 * @param {number} x
 * @returns {number | undefined}
 */
export function opt_f64(x) {
    const ret = wasm.opt_f64(x);
    return ret[0] === 0 ? undefined : ret[1];
}

/**
 * @param {bigint} x
 * @returns {bigint | undefined}
 */
export function opt_i64(x) {
    const ret = wasm.opt_i64(x);
    return ret[0] === 0 ? undefined : ret[1];
}

export function set_out_of_range() {
    const ret = wasm.set_out_of_range();
    return takeObject(ret);
}

function __wbg_get_imports() {
    const imports = {};
    imports.wbg = {};
    imports.wbg.__wbindgen_string_new = function(arg0, arg1) {
        const ret = getStringFromWasm0(arg0, arg1);
        return addHeapObject(ret);
    };
    imports.wbg.__wbindgen_string_get = function(arg0, arg1) {
        const obj = getObject(arg1);
        const ret = typeof(obj) === 'string' ? obj : undefined;
        var ptr1 = isLikeNone(ret) ? 0 : passStringToWasm0(ret, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        var len1 = WASM_VECTOR_LEN;
        getInt32Memory0()[arg0 / 4 + 1] = len1;
        getInt32Memory0()[arg0 / 4 + 0] = ptr1;
    };
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
    imports.wbg.__wbg_prototypesetcall_b2 = function(arg0, arg1, arg2) {
        Uint8Array.prototype.set.call(getArrayU8FromWasm0(arg0, arg1), getObject(arg2));
    };
    imports.wbg.__wbg_newwithlength_c3 = function(arg0) {
        const ret = new Uint8Array(arg0 >>> 0);
        return addHeapObject(ret);
    };
    imports.wbg.__wbg_set_d4 = function(arg0, arg1, arg2) {
        getObject(arg0).set(getObject(arg1), arg2 >>> 0);
    };
    imports.wbg.__wbg_memory_e5 = function() {
        const ret = wasm.memory;
        return addHeapObject(ret);
    };
    imports.wbg.__wbg_buffer_f6 = function(arg0) {
        const ret = getObject(arg0).buffer;
        return addHeapObject(ret);
    };
    imports.wbg.__wbg_newwithbyteoffsetandlength_a7 = function(arg0, arg1, arg2) {
        const ret = new Uint8Array(getObject(arg0), arg1 >>> 0, arg2 >>> 0);
        return addHeapObject(ret);
    };
    imports.wbg.__wbg_subarray_b8 = function(arg0, arg1, arg2) {
        const ret = getObject(arg0).subarray(arg1 >>> 0, arg2 >>> 0);
        return addHeapObject(ret);
    };
    imports.wbg.__wbg_now_c9 = function() {
        const ret = performance.now();
        return ret;
    };
    imports.wbg.__wbg_set_e10 = function() { return handleError(function (arg0, arg1, arg2) {
        getObject(arg0).set(getObject(arg1), arg2 >>> 0);
    }, arguments) };
    return imports;
}
