import { describe, expect, it } from 'vitest';
import {
  maskEntityPersonalData,
  maskEventPersonalData,
  transformCommandPersonalData,
  transformEntityPersonalData,
  transformEventPersonalData,
} from '../../src/domain';

const mark = (value: string, field: string) => `<${field}:${value}>`;
const person = { id: 'kp-1', name: '张三丰', idNumber: '532901199001091234', phone: '13800000000' };
const incident = { id: 'i-1', title: '纠纷', reporter: { name: '赵某', phone: '13912345678' } };

describe('the personal fields of records', () => {
  it.each([
    [
      'key-person.registered',
      { person },
      { person: { ...person, idNumber: '<idNumber:532901199001091234>', phone: '<phone:13800000000>' } },
    ],
    [
      'key-person.removed',
      { person: { ...person, phone: null } },
      { person: { ...person, idNumber: '<idNumber:532901199001091234>', phone: null } },
    ],
    [
      'incident.reported',
      { incident, by: null },
      { incident: { ...incident, reporter: { name: '赵某', phone: '<phone:13912345678>' } }, by: null },
    ],
    [
      'incident.closed',
      { incident: { ...incident, reporter: null } },
      { incident: { ...incident, reporter: null } },
    ],
    [
      'alarm.raised',
      { incident: { ...incident, reporter: { name: '赵某' } } },
      { incident: { ...incident, reporter: { name: '赵某' } } },
    ],
    [
      'force.moved',
      { forceId: 'f-1', position: { lng: 1, lat: 2 } },
      { forceId: 'f-1', position: { lng: 1, lat: 2 } },
    ],
  ])('finds them in a %s event, and only them', (type, payload, expected) => {
    const before = JSON.stringify(payload);
    expect(transformEventPersonalData(type, payload, mark)).toEqual(expected);
    expect(JSON.stringify(payload)).toBe(before);
  });

  it.each([
    [
      'key-person',
      person,
      { ...person, idNumber: '<idNumber:532901199001091234>', phone: '<phone:13800000000>' },
    ],
    ['incident', incident, { ...incident, reporter: { name: '赵某', phone: '<phone:13912345678>' } }],
    ['force', { id: 'f-1', phone: '13800000000' }, { id: 'f-1', phone: '13800000000' }],
  ])('finds them in a %s entity, and only there', (kind, doc, expected) => {
    expect(transformEntityPersonalData(kind, doc, mark)).toEqual(expected);
  });

  it('finds them in a key person’s registration waiting to be sent, and in no other command', () => {
    expect(transformCommandPersonalData({ type: 'registerKeyPerson', person }, mark).person.idNumber).toBe(
      '<idNumber:532901199001091234>',
    );
    const note = { type: 'addNote', text: '13800000000' };
    expect(transformCommandPersonalData(note, mark)).toBe(note);
  });

  it('masks each field its own way', () => {
    expect(maskEntityPersonalData('key-person', person)).toMatchObject({
      idNumber: '532901********1234',
      phone: '138****0000',
    });
    expect(maskEventPersonalData('incident.reported', { incident })).toEqual({
      incident: { ...incident, reporter: { name: '赵某', phone: '139****5678' } },
    });
  });
});
