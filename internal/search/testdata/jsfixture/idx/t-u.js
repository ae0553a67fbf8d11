window.labyrintSearch.load("t-u",{"uddan":"TvJ nelse","uden":"KsK","udgangspunk":"Jse t","uger":"HsU","ung":"EueHvGGzJ e","ungdomsår":"TvJ ene","ungeforløb":"MtJ","ungeindsat":"T8K s"});
