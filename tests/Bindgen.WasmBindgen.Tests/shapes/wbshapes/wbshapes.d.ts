/* tslint:disable */
/* eslint-disable */
export function repeat(text: string, times: number, f: (text: string, index: number) => void): void;
export function apply(x: number, f: (x: number) => number): number;
export function forward(f: () => Promise<number>): Promise<number>;
export function weigh(m: Map<string, number>): number;
export function lookup(m: Map<string, number>, key: string): number;
export function pick(mode: Mode, x: number): number;
export function next_mode(mode: Mode): Mode;
type Mode = "fast" | "slow" | "exact";
