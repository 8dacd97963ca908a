// The signed-in identity of the console: the account (access key) and Region, kept in
// localStorage, and a client for them.
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import type { ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
import { imagebuilder } from './api';

export interface Session {
  account: string;
  region: string;
  setAccount(a: string): void;
  setRegion(r: string): void;
  client: ImagebuilderClient;
}

const Ctx = createContext<Session | undefined>(undefined);

function stored(key: string, fallback: string): string {
  try {
    return window.localStorage.getItem(key) ?? fallback;
  } catch {
    return fallback;
  }
}

export function SessionProvider({ children, client }: { children: ReactNode; client?: (account: string, region: string) => ImagebuilderClient }) {
  const [account, setA] = useState(() => stored('ibex.account', '123456789012'));
  const [region, setR] = useState(() => stored('ibex.region', 'us-east-1'));
  const value = useMemo<Session>(
    () => ({
      account,
      region,
      setAccount: (a) => (window.localStorage.setItem('ibex.account', a), setA(a)),
      setRegion: (r) => (window.localStorage.setItem('ibex.region', r), setR(r)),
      client: (client ?? imagebuilder)(account, region),
    }),
    [account, region, client],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSession(): Session {
  const s = useContext(Ctx);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
