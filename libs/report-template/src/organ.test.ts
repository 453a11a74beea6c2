import { describe, expect, it } from 'vitest';
import { normalizeOrgan, organKey, organMatches, sameBody, shortOrgan } from './organ.js';

describe('organKey', () => {
  it('folds the ways a body is written', () => {
    expect(organKey('淮源镇人民政府')).toBe('淮源镇');
    expect(organKey('淮源镇政府')).toBe('淮源镇');
    expect(organKey('淮源镇')).toBe('淮源镇');
    expect(organKey('桐柏县淮源镇人民政府')).toBe('桐柏县淮源镇');
    expect(organKey('沭城街道办事处')).toBe('沭城街道');
    expect(organKey('沭城街道办')).toBe('沭城街道');
    expect(organKey('沭城街道')).toBe('沭城街道');
    expect(organKey('洪泽区人民政府办公室')).toBe('洪泽区政府办公室');
    expect(organKey('洪泽区政府办')).toBe('洪泽区政府办公室');
    expect(organKey('桐柏县教育局')).toBe('桐柏县教育局');
  });
  it('full-width forms, spaces and title quotes do not matter', () => {
    expect(normalizeOrgan('《淮源镇 人民政府》')).toBe('淮源镇人民政府');
    expect(organKey('ＸＸ镇人民政府')).toBe('XX镇');
    expect(organKey('淮源镇\u3000人民政府')).toBe('淮源镇');
  });
});

describe('sameBody', () => {
  it('the same body with more or less of its address', () => {
    expect(sameBody('淮源镇人民政府', '淮源镇')).toBe(true);
    expect(sameBody('桐柏县淮源镇人民政府', '淮源镇')).toBe(true);
    expect(sameBody('河南省南阳市桐柏县淮源镇人民政府', '淮源镇人民政府')).toBe(true);
    expect(sameBody('淮安市洪泽区人民政府', '洪泽区人民政府')).toBe(true);
    expect(sameBody('江苏省淮安市洪泽区人民政府', '洪泽区')).toBe(true);
    expect(sameBody('桐柏县教育局', '教育局')).toBe(true);
    expect(sameBody('沭阳县沭城街道办事处', '沭城街道')).toBe(true);
  });
  it('different bodies', () => {
    expect(sameBody('淮安市洪泽区人民政府', '淮源镇')).toBe(false);
    expect(sameBody('淮源镇人民政府', '月河镇')).toBe(false);
    expect(sameBody('洪泽区人民政府办公室', '洪泽区人民政府')).toBe(false);
    expect(sameBody('桐柏县人民政府', '淮源镇')).toBe(false);
    expect(sameBody('桐柏县教育局', '唐河县教育局')).toBe(false);
    expect(sameBody('桐柏县教育局', '桐柏县人民政府')).toBe(false);
    expect(sameBody('桐柏县教育体育局', '桐柏县教育局')).toBe(false);
    // A tail that is not a whole body: 泽区 is not 洪泽区.
    expect(sameBody('洪泽区人民政府', '泽区人民政府')).toBe(false);
    expect(sameBody('', '淮源镇')).toBe(false);
  });
});

describe('organMatches (a title against a unit of the list)', () => {
  const county = ['河南省', '南阳市', '桐柏县'];
  it('accepts the unit’s own title however it is written', () => {
    expect(organMatches('淮源镇人民政府', '淮源镇', county)).toBe(true);
    expect(organMatches('桐柏县淮源镇人民政府', '淮源镇', county)).toBe(true);
    expect(organMatches('河南省桐柏县淮源镇人民政府', '淮源镇', county)).toBe(true);
    expect(organMatches('月河镇', '月河镇', county)).toBe(true);
    expect(organMatches('教育局', '桐柏县教育局', county)).toBe(true);
    expect(organMatches('桐柏县教育局', '桐柏县教育局', county)).toBe(true);
    expect(organMatches('南阳市桐柏县人民政府', '桐柏县人民政府', ['河南省', '南阳市'])).toBe(true);
  });
  it('refuses another body, and a place that contradicts the unit’s parents', () => {
    expect(organMatches('淮安市洪泽区人民政府', '淮源镇', county)).toBe(false);
    expect(organMatches('洪泽区人民政府', '淮源镇', county)).toBe(false);
    expect(organMatches('月河镇人民政府', '淮源镇', county)).toBe(false);
    expect(organMatches('唐河县淮源镇人民政府', '淮源镇', county)).toBe(false);
    expect(organMatches('洛阳市桐柏县淮源镇人民政府', '淮源镇', county)).toBe(false);
    expect(organMatches('洪泽区人民政府办公室', '洪泽区人民政府', ['江苏省', '淮安市'])).toBe(false);
  });
  it('without known parents, any address in front is accepted', () => {
    expect(organMatches('唐河县淮源镇人民政府', '淮源镇')).toBe(true);
  });
});

describe('shortOrgan (report.organ)', () => {
  it('drops the county of a township-level body and the prefecture of a county government', () => {
    expect(shortOrgan('桐柏县淮源镇人民政府')).toBe('淮源镇人民政府');
    expect(shortOrgan('沭阳县沭城街道办事处')).toBe('沭城街道办事处');
    expect(shortOrgan('淮安市洪泽区人民政府')).toBe('洪泽区人民政府');
    expect(shortOrgan('淮源镇人民政府')).toBe('淮源镇人民政府');
    expect(shortOrgan('桐柏县市场监督管理局')).toBe('桐柏县市场监督管理局');
    expect(shortOrgan('洪泽区人民政府办公室')).toBe('洪泽区人民政府办公室');
    expect(shortOrgan(null)).toBe(null);
  });
});
