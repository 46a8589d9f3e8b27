package org.chuanbo.generator;

import java.util.List;
import java.util.Map;
import org.chuanbo.schemas.records.Office;

/**
 * Words of 贺州 the titles are built from: towns of each district and county, villages, local
 * produce, people's names, editors' CMS accounts. Real town names; people and villages are invented
 * or generic.
 */
final class HezhouVocabulary {

  private HezhouVocabulary() {}

  /** Towns (镇、乡、街道) per office; the city office writes about all of them. */
  static final Map<Office, List<String>> TOWNS =
      Map.of(
          Office.BB,
          List.of(
              "八步街道", "贺街镇", "桂岭镇", "开山镇", "大宁镇", "南乡镇", "步头镇", "莲塘镇", "仁义镇", "铺门镇", "里松镇", "灵峰镇",
              "信都镇"),
          Office.PG,
          List.of("西湾街道", "黄田镇", "鹅塘镇", "沙田镇", "公会镇", "水口镇", "望高镇", "羊头镇", "大平瑶族乡"),
          Office.ZS,
          List.of(
              "钟山镇", "回龙镇", "石龙镇", "凤翔镇", "珊瑚镇", "同古镇", "公安镇", "燕塘镇", "清塘镇", "红花镇", "两安瑶族乡",
              "花山瑶族乡"),
          Office.ZP,
          List.of(
              "昭平镇", "黄姚镇", "走马镇", "文竹镇", "富裕镇", "樟木林镇", "五将镇", "马江镇", "北陀镇", "仙回瑶族乡", "凤凰乡",
              "木格乡"),
          Office.FC,
          List.of(
              "富阳镇", "白沙镇", "莲山镇", "古城镇", "福利镇", "麦岭镇", "葛坡镇", "城北镇", "朝东镇", "新华乡", "石家乡", "柳家乡"));

  /** Local produce per office (脐橙 of 富川, 茶 of 昭平, 贡柑 of 钟山, …). */
  static final Map<Office, List<String>> PRODUCE =
      Map.of(
          Office.HZ, List.of("脐橙", "砂糖橘", "茶叶", "三华李", "马蹄", "油茶", "贡柑"),
          Office.BB, List.of("三华李", "马蹄", "开山白毛茶", "油茶"),
          Office.PG, List.of("马蹄", "砂糖橘", "黄花梨", "食用菌"),
          Office.ZS, List.of("贡柑", "砂糖橘", "油茶", "生猪"),
          Office.ZP, List.of("茶叶", "砂糖橘", "八角", "油茶"),
          Office.FC, List.of("脐橙", "香芋", "烤烟", "柑橘"));

  /** How an office names itself at the head of a news title. */
  static final Map<Office, String> SHORT_NAMES =
      Map.of(
          Office.HZ, "贺州",
          Office.BB, "八步区",
          Office.PG, "平桂区",
          Office.ZS, "钟山",
          Office.ZP, "昭平",
          Office.FC, "富川");

  /** Editors' CMS accounts per office (the Article's {@code editor}). */
  static final Map<Office, List<String>> EDITORS =
      Map.of(
          Office.HZ, List.of("hz_huangli", "hz_chenjing", "hz_mofang", "hz_zhongyu", "hz_liangwei"),
          Office.BB, List.of("bb_liwen", "bb_pantao", "bb_luoxia"),
          Office.PG, List.of("pg_liangyan", "pg_qinhai", "pg_dengmin"),
          Office.ZS, List.of("zs_zhongmin", "zs_liaojie", "zs_wuqing"),
          Office.ZP, List.of("zp_luohua", "zp_wushan", "zp_mochun"),
          Office.FC, List.of("fc_panyu", "fc_zhaoling", "fc_tangli"));

  static final List<String> VILLAGES =
      List.of(
          "秀水村", "福溪村", "岔山村", "龙井村", "大田村", "路花村", "水岩坝村", "狮东村", "石枧村", "凤岭村", "龙马村", "同乐村",
          "大坝村", "新民村", "合面村", "马窝村", "深坡村", "古榄村", "莲塘村", "鹤山村");

  /** Places people of 贺州 know: scenery and old towns. */
  static final List<String> LANDMARKS =
      List.of("姑婆山", "黄姚古镇", "大桂山", "十八水", "临贺故城", "玉石林", "贺江", "路花温泉", "瑶族风情园", "富川秀水状元村");

  static final List<String> SURNAMES =
      List.of(
          "黄", "李", "陈", "莫", "梁", "钟", "廖", "盘", "赵", "邓", "潘", "覃", "吴", "罗", "周", "张", "刘", "林",
          "唐", "蒋");

  static final List<String> GIVEN_NAMES =
      List.of(
          "美玲", "志强", "海燕", "建军", "秀英", "文华", "春梅", "国平", "丽娟", "永福", "桂芳", "明辉", "小龙", "金凤", "德才",
          "红霞", "振华", "玉兰", "家宝", "少林", "宏", "敏", "勇", "静", "伟", "芳");

  static String person(SeededRandom random) {
    return random.pick(SURNAMES) + random.pick(GIVEN_NAMES);
  }

  static String town(Office office, SeededRandom random) {
    if (office == Office.HZ) {
      Office county =
          random.pick(new Office[] {Office.BB, Office.PG, Office.ZS, Office.ZP, Office.FC});
      return random.pick(TOWNS.get(county));
    }
    return random.pick(TOWNS.get(office));
  }
}
