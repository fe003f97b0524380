// The provider simulators the sandbox starts by default. Each lives in sandbox/<provider>/ and
// default-exports its SimulatorFactory; add new providers here.
import clickpesa from './clickpesa/simulator';
import mpesa from './mpesa/simulator';
import omari from './omari/simulator';
import ottu from './ottu/simulator';
import qmoney from './qmoney/simulator';
import type { SimulatorFactory } from './types';

export const defaultSimulators: SimulatorFactory[] = [mpesa, clickpesa, omari, qmoney, ottu];
