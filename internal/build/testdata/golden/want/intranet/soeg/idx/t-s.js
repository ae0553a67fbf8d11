window.labyrintSearch.load("t-s",{"se":"Gub","sig":"G7F er","sit":"A4f e","sted":"D4A","støt":"D7T te","svar":"FpC er"});
