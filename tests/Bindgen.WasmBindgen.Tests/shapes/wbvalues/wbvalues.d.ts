/* tslint:disable */
/* eslint-disable */
export function count_strings(values: any[]): number;
export function count_or_none(values?: any[]): number;
export function nth(values: any[], index: number): any;
